// Injected into the window by bench/measure.py (WebDriver execute/sync); runs as a function body.
// Installs window.__BENCH__: a requestAnimationFrame loop that records the gap between frames while
// the harness moves the real pointer, and a finder for an empty spot to press on.
if (!window.__BENCH__) {
  let stamps = [];
  let on = false;
  // Input events that reached the page during a gesture (WebKit coalesces wheel events when busy).
  const events = { pointermove: 0, wheel: 0 };
  for (const type of Object.keys(events)) {
    window.addEventListener(type, () => on && events[type]++, { capture: true, passive: true });
  }
  const tick = (t) => {
    if (!on) return;
    stamps.push(t);
    requestAnimationFrame(tick);
  };
  window.__BENCH__ = {
    clock: () => performance.timeOrigin + performance.now(),
    startFrames() {
      stamps = [];
      events.pointermove = events.wheel = 0;
      on = true;
      requestAnimationFrame(tick);
    },
    stopFrames() {
      on = false;
      const gaps = [];
      for (let i = 1; i < stamps.length; i++) gaps.push(stamps[i] - stamps[i - 1]);
      return { frames: stamps.length, gaps, events: { ...events } };
    },
    // Watches node or edge `id` frame by frame until its presence in the graph (the test hook's
    // nodePosition/edgePosition) becomes `want`: `at` is the first animation frame that finds it so,
    // `painted` the frame after (by then the renderer has drawn it). Independent of data-revision, which
    // an app applying diffs need not bump. Returns whether `id` is present now.
    watchPresence(id, want) {
      const h = window.__NETLENS_TEST__;
      const present = () => (h.nodePosition(id) ?? h.edgePosition(id)) !== null;
      const rec = { id, want, at: null, painted: null, frames: 0 };
      window.__BENCH_WATCH__ = rec;
      const tick = () => {
        if (window.__BENCH_WATCH__ !== rec) return;
        rec.frames++;
        if (rec.at === null) {
          if (present() === want) rec.at = window.__BENCH__.clock();
          requestAnimationFrame(tick);
        } else {
          rec.painted = window.__BENCH__.clock();
        }
      };
      requestAnimationFrame(tick);
      return present();
    },
    watched: () => window.__BENCH_WATCH__ || null,
    // A point inside `rect` at least `clear` px from every point in `points` and from every segment
    // [a, b] in `segments` (pressing on a drawn line starts pulling it away in Netlens), scanning from
    // the lower left corner (where a fitted graph leaves room); null if there is none.
    emptySpot(rect, points, clear, segments) {
      const m = 24;
      const segs = segments || [];
      const far = (x, y) => {
        for (const p of points) if (Math.hypot(p.x - x, p.y - y) < clear) return false;
        for (const [a, b] of segs) {
          const dx = b.x - a.x, dy = b.y - a.y;
          const len2 = dx * dx + dy * dy;
          const t = len2 ? Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / len2)) : 0;
          if (Math.hypot(a.x + t * dx - x, a.y + t * dy - y) < clear) return false;
        }
        return true;
      };
      for (let y = rect.bottom - m; y > rect.top + m; y -= 12) {
        for (let x = rect.left + m; x < rect.right - m; x += 12) {
          if (far(x, y)) return { x: Math.round(x), y: Math.round(y) };
        }
      }
      return null;
    },
  };
}
return true;
