// Package topk picks the best k of many items without sorting them all:
// searches and quick-open match far more than they show.
package topk

import "slices"

// Select returns the k best of xs, best first, where cmp(a, b) < 0 means a
// ranks before b. xs itself is only reordered when it has k items or fewer.
func Select[T any](xs []T, k int, cmp func(a, b T) int) []T {
	if len(xs) <= k {
		slices.SortFunc(xs, cmp)
		return xs
	}
	b := NewBest(k, cmp)
	for _, x := range xs {
		b.Offer(x)
	}
	return b.Sorted()
}

// Best keeps the k best items offered to it, for callers that would
// otherwise collect every item only to select a few: a bounded heap with
// the worst kept item on top.
type Best[T any] struct {
	k   int
	cmp func(a, b T) int
	h   []T
}

// NewBest keeps the k best by cmp, where cmp(a, b) < 0 means a ranks
// before b.
func NewBest[T any](k int, cmp func(a, b T) int) *Best[T] {
	return &Best[T]{k: k, cmp: cmp, h: make([]T, 0, min(k, 1024))}
}

// worse reports whether h[i] ranks below h[j].
func (b *Best[T]) worse(i, j int) bool { return b.cmp(b.h[i], b.h[j]) > 0 }

// Offer keeps x if it ranks among the k best so far; of equals, the one
// offered first stays.
func (b *Best[T]) Offer(x T) {
	h := b.h
	if len(h) < b.k {
		b.h = append(h, x)
		for i := len(b.h) - 1; i > 0; {
			p := (i - 1) / 2
			if !b.worse(i, p) {
				break
			}
			b.h[i], b.h[p] = b.h[p], b.h[i]
			i = p
		}
		return
	}
	if b.k == 0 || b.cmp(x, h[0]) >= 0 {
		return
	}
	h[0] = x
	for i := 0; ; {
		l := 2*i + 1
		if l >= len(h) {
			break
		}
		m := l
		if r := l + 1; r < len(h) && b.worse(r, l) {
			m = r
		}
		if !b.worse(m, i) {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// Sorted returns the kept items, best first. The Best is spent.
func (b *Best[T]) Sorted() []T {
	slices.SortFunc(b.h, b.cmp)
	return b.h
}
