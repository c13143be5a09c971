// Package topk picks the best k of many items without sorting them all:
// searches and quick-open match far more than they show.
package topk

import "slices"

// Select returns the k best of xs, best first, where cmp(a, b) < 0 means a
// ranks before b. It keeps a bounded heap with the worst kept item on top;
// xs itself is only reordered when it has k items or fewer.
func Select[T any](xs []T, k int, cmp func(a, b T) int) []T {
	if len(xs) <= k {
		slices.SortFunc(xs, cmp)
		return xs
	}
	h := make([]T, 0, k)
	worse := func(i, j int) bool { return cmp(h[i], h[j]) > 0 } // h[i] ranks below h[j]
	for _, x := range xs {
		if len(h) < k {
			h = append(h, x)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !worse(i, p) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
			continue
		}
		if cmp(x, h[0]) >= 0 {
			continue
		}
		h[0] = x
		for i := 0; ; {
			l := 2*i + 1
			if l >= len(h) {
				break
			}
			m := l
			if r := l + 1; r < len(h) && worse(r, l) {
				m = r
			}
			if !worse(m, i) {
				break
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	slices.SortFunc(h, cmp)
	return h
}
