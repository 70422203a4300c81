//! Where networks about to be created should appear: asked for by the person (a right-click), used once.
//!
//! Owns the pending pins and their bounds. The UI can ask as often as it likes, so the list is capped (the
//! oldest pin goes first) and a spot is clamped to a range far beyond any picture Netlens draws. Must not
//! place anything itself: `networks` takes a pin when its network first shows up.

use std::collections::VecDeque;

use super::Point;

/// At most this many networks can be waiting for their spot; a person creates them one at a time.
pub const MAX_PINS: usize = 64;
/// A pin's coordinates stay within ±this (layout pixels); a 300-network picture spans a few thousand.
pub const PIN_LIMIT: f64 = 100_000.0;

/// Pending pins by network name, oldest first; one per name (a new pin for a name replaces its old one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pins(VecDeque<(String, Point)>);

impl Pins {
    /// Pins `name` at `at`, clamped into range; a spot that is not a number is ignored.
    pub fn pin(&mut self, name: &str, at: Point) {
        if !(at.0.is_finite() && at.1.is_finite()) {
            return;
        }
        self.take(name);
        let clamp = |v: f64| v.clamp(-PIN_LIMIT, PIN_LIMIT);
        self.0.push_back((name.to_string(), (clamp(at.0), clamp(at.1))));
        while self.0.len() > MAX_PINS {
            self.0.pop_front();
        }
    }

    /// Removes and returns the pin for `name`.
    pub fn take(&mut self, name: &str) -> Option<Point> {
        let i = self.0.iter().position(|(n, _)| n == name)?;
        self.0.remove(i).map(|(_, at)| at)
    }

    #[cfg(test)]
    pub fn get(&self, name: &str) -> Option<Point> {
        self.0.iter().find(|(n, _)| n == name).map(|&(_, at)| at)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_capped_and_the_oldest_goes_first() {
        let mut pins = Pins::default();
        for i in 0..(MAX_PINS + 36) {
            pins.pin(&format!("net-{i}"), (1.0, 2.0));
        }
        assert_eq!(pins.len(), MAX_PINS);
        assert_eq!(pins.get("net-35"), None, "the oldest pins were dropped");
        assert_eq!(pins.get("net-36"), Some((1.0, 2.0)), "the newest {MAX_PINS} stay");
        assert_eq!(pins.get(&format!("net-{}", MAX_PINS + 35)), Some((1.0, 2.0)));
    }

    #[test]
    fn pinning_a_name_again_moves_it_and_keeps_one_pin() {
        let mut pins = Pins::default();
        pins.pin("made", (1.0, 2.0));
        pins.pin("other", (5.0, 5.0));
        pins.pin("made", (3.0, 4.0));
        assert_eq!(pins.len(), 2);
        assert_eq!(pins.take("made"), Some((3.0, 4.0)));
        assert_eq!(pins.take("made"), None, "a pin is used once");
    }

    #[test]
    fn pin_coordinates_are_clamped_and_non_numbers_ignored() {
        let mut pins = Pins::default();
        pins.pin("far", (1e300, -f64::from(i32::MAX)));
        assert_eq!(pins.get("far"), Some((PIN_LIMIT, -PIN_LIMIT)));
        pins.pin("nan", (f64::NAN, 0.0));
        pins.pin("inf", (0.0, f64::INFINITY));
        assert_eq!((pins.get("nan"), pins.get("inf"), pins.len()), (None, None, 1));
    }
}
