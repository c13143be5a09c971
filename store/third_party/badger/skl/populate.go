/*
 * Parallax patch: not part of upstream Badger.
 * SPDX-License-Identifier: Apache-2.0
 */

package skl

// populateAhead is how far past the writes the arena's pages are backed.
const populateAhead = 1 << 20

// grew backs the arena's pages a step ahead of n, its new size, the first
// time the writes come near them. The arena is a fresh allocation of the
// memtable's size, and on the virtual machines Parallax is measured on,
// the first touch of each of its pages is a trap of about 12 µs, while
// backing them in one call costs under 1 µs a page.
func (s *Arena) grew(n uint32) {
	p := s.populated.Load()
	if n+populateAhead/2 <= p || int(p) >= len(s.buf) {
		return
	}
	next := uint32(min(len(s.buf), int(n)+populateAhead))
	if s.populated.CompareAndSwap(p, next) {
		populate(s.buf[p:next])
	}
}
