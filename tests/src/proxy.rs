//! A counting proxy on a unix socket, between Netlens and the engine: it proves how many HTTP requests
//! a snapshot makes, its shutdown stands in for an engine that goes away, and `freeze` for one that stops
//! answering with its connections open (what `kill -STOP dockerd` does, without stopping the engine the
//! other tests share).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::unix::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{UnixListener, UnixStream};
use tokio::task::JoinHandle;

pub struct CountingProxy {
    pub path: PathBuf,
    requests: Arc<AtomicUsize>,
    lists: Arc<AtomicUsize>,
    frozen: Arc<AtomicBool>,
    tasks: Arc<std::sync::Mutex<Vec<JoinHandle<()>>>>,
}

impl CountingProxy {
    /// Listens on `path` and forwards to the engine's unix socket `upstream` (a path, no scheme).
    pub fn start(path: &Path, upstream: &Path) -> Self {
        let _ = std::fs::remove_file(path);
        let listener = UnixListener::bind(path).expect("proxy socket binds");
        let requests = Arc::new(AtomicUsize::new(0));
        let lists = Arc::new(AtomicUsize::new(0));
        let frozen = Arc::new(AtomicBool::new(false));
        let tasks: Arc<std::sync::Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let (count, listed, upstream, inner_tasks) =
            (requests.clone(), lists.clone(), upstream.to_path_buf(), tasks.clone());
        let ice = frozen.clone();
        let accept = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (count, listed, upstream, ice) = (count.clone(), listed.clone(), upstream.clone(), ice.clone());
                let task = tokio::spawn(async move {
                    thawed(&ice).await;
                    if let Ok(server) = UnixStream::connect(&upstream).await {
                        pipe(client, server, count, listed, ice).await;
                    }
                });
                inner_tasks.lock().unwrap().push(task);
            }
        });
        tasks.lock().unwrap().push(accept);
        Self { path: path.to_path_buf(), requests, lists, frozen, tasks }
    }

    /// Stops passing anything on, either way, while keeping every connection open.
    pub fn freeze(&self) {
        self.frozen.store(true, Ordering::SeqCst);
    }

    pub fn thaw(&self) {
        self.frozen.store(false, Ordering::SeqCst);
    }

    pub fn host(&self) -> String {
        format!("unix://{}", self.path.display())
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// Container list requests (`/containers/json`) so far; an inspect (`/containers/{id}/json`) is not one.
    pub fn container_lists(&self) -> usize {
        self.lists.load(Ordering::SeqCst)
    }

    /// Cuts every connection and stops listening, like an engine that died.
    pub fn shutdown(&self) {
        for t in self.tasks.lock().unwrap().drain(..) {
            t.abort();
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Drop for CountingProxy {
    fn drop(&mut self) {
        self.shutdown();
    }
}

async fn thawed(frozen: &AtomicBool) {
    while frozen.load(Ordering::SeqCst) {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

async fn pipe(
    client: UnixStream,
    server: UnixStream,
    count: Arc<AtomicUsize>,
    lists: Arc<AtomicUsize>,
    frozen: Arc<AtomicBool>,
) {
    let (cr, cw) = client.into_split();
    let (sr, sw) = server.into_split();
    // Every request line ends with the protocol version; bodies we send never contain it.
    let count_requests = move |chunk: &[u8]| {
        count.fetch_add(chunk.windows(10).filter(|w| *w == b"HTTP/1.1\r\n").count(), Ordering::SeqCst);
        lists.fetch_add(chunk.windows(16).filter(|w| *w == b"/containers/json").count(), Ordering::SeqCst);
    };
    tokio::join!(forward(cr, sw, frozen.clone(), count_requests), forward(sr, cw, frozen, |_| {}));
}

/// Copies one direction until either side closes, holding each chunk while the proxy is frozen; `look` sees
/// each chunk first.
async fn forward(
    mut from: OwnedReadHalf,
    mut to: OwnedWriteHalf,
    frozen: Arc<AtomicBool>,
    mut look: impl FnMut(&[u8]),
) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        look(&buf[..n]);
        thawed(&frozen).await;
        if to.write_all(&buf[..n]).await.is_err() {
            break;
        }
    }
    let _ = to.shutdown().await;
}
