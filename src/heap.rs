//! A binary heap over a slice: the one ordering routine in the bundle.

use std::cmp::Ordering;

pub type Order<'o, T> = &'o dyn Fn(&T, &T) -> Ordering;

/// A binary heap over a slice, best (by `order`, `Less` first) on top: made
/// in linear time, each [`pop`](Heap::pop) costs a logarithm. Core's sorts
/// would bring three quicksort copies into the bundle; this is one small loop.
pub struct Heap<'a, 'o, T> {
    items: &'a mut [T],
    len: usize,
    order: Order<'o, T>,
}

impl<'a, 'o, T: Copy> Heap<'a, 'o, T> {
    pub fn new(items: &'a mut [T], order: Order<'o, T>) -> Self {
        let len = items.len();
        let mut heap = Heap { items, len, order };
        for i in (0..len / 2).rev() {
            heap.sift_down(i);
        }
        heap
    }

    pub fn pop(&mut self) -> Option<T> {
        let top = *self.items.first()?;
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        self.items.swap(0, self.len);
        self.sift_down(0);
        Some(top)
    }

    fn sift_down(&mut self, mut i: usize) {
        loop {
            let mut best = i;
            for child in [2 * i + 1, 2 * i + 2] {
                if child < self.len && self.first(child, best) {
                    best = child;
                }
            }
            if best == i {
                return;
            }
            self.items.swap(i, best);
            i = best;
        }
    }

    /// Whether the item at `a` comes before the one at `b`.
    fn first(&self, a: usize, b: usize) -> bool {
        match (self.items.get(a), self.items.get(b)) {
            (Some(a), Some(b)) => (self.order)(a, b) == Ordering::Less,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_best_first_like_a_sort() {
        let mut seed = 7u32;
        for len in [0, 1, 2, 3, 10, 257] {
            let mut v: Vec<u32> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    seed % 50
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_unstable_by(|a, b| b.cmp(a));
            let order = |a: &u32, b: &u32| b.cmp(a);
            let mut heap = Heap::new(&mut v, &order);
            let popped: Vec<u32> = std::iter::from_fn(|| heap.pop()).collect();
            assert_eq!(popped, expected);
        }
    }
}
