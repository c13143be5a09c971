package reader

import (
	"sort"
	"unicode"
)

// line is one wrapped line: code points [start, end) of the text, drawn
// at y. end leaves out the space or line break the line was broken at.
type line struct {
	start, end int
	y          float32
}

// measurer gives the width of a string as the reader draws it.
type measurer func(string) float32

// wrapper lays a text out in lines. A word's width for wrapping is the
// sum of its letters' advances, each measured once: shaping every
// distinct word of a long article costs half a second, and kerning
// mostly makes the real word narrower, so a line hardly ever overflows
// (and the page's margin absorbs a pixel). Hit testing and drawing
// measure the real text.
type wrapper struct {
	measure measurer
	runes   map[rune]float32
	words   map[string]float32
	space   float32
}

func newWrapper(m measurer) *wrapper {
	return &wrapper{measure: m, runes: map[rune]float32{}, words: map[string]float32{}, space: m(" ")}
}

func (w *wrapper) width(s string) float32 {
	if v, ok := w.words[s]; ok {
		return v
	}
	v := float32(0)
	for _, r := range s {
		a, ok := w.runes[r]
		if !ok {
			a = w.measure(string(r))
			w.runes[r] = a
		}
		v += a
	}
	w.words[s] = v
	return v
}

// wrap breaks text into lines no wider than width: at spaces, greedily;
// a line break ends a line, and an empty line stands for a paragraph
// gap; a word wider than the whole line is broken between letters.
func (w *wrapper) wrap(text []rune, width float32, lineHeight float32) []line {
	var lines []line
	y := float32(0)
	emit := func(start, end int) {
		lines = append(lines, line{start, end, y})
		y += lineHeight
	}
	lineStart := 0
	for lineStart <= len(text) {
		lineEnd := lineStart
		for lineEnd < len(text) && text[lineEnd] != '\n' {
			lineEnd++
		}
		w.wrapLine(text, lineStart, lineEnd, width, emit)
		lineStart = lineEnd + 1
	}
	return lines
}

// wrapLine wraps the hard line text[from:to].
func (w *wrapper) wrapLine(text []rune, from, to int, width float32, emit func(start, end int)) {
	start, x := from, float32(0)
	lastEnd := from // end of the last word placed on the current line
	i := from
	for i < to {
		for i < to && unicode.IsSpace(text[i]) {
			i++
		}
		if i >= to {
			break
		}
		j := i
		for j < to && !unicode.IsSpace(text[j]) {
			j++
		}
		ww := w.width(string(text[i:j]))
		if x > 0 && x+w.space+ww > width {
			emit(start, lastEnd)
			x = 0
		}
		if x == 0 {
			start, lastEnd = i, i // a line starts at its first word
		}
		if x == 0 && ww > width {
			// A word wider than the line breaks between letters.
			k := i
			for n := w.fit(text, k, j, width); k+n < j; n = w.fit(text, k, j, width) {
				emit(start, k+n)
				start, k = k+n, k+n
			}
			x, lastEnd = w.width(string(text[k:j])), j
		} else {
			if x > 0 {
				x += w.space
			}
			x += ww
			lastEnd = j
		}
		i = j
	}
	emit(start, max(lastEnd, start))
}

// fit is how many letters of text[from:to], at least one, fit in width.
func (w *wrapper) fit(text []rune, from, to int, width float32) int {
	n := sort.Search(to-from, func(n int) bool { return w.width(string(text[from:from+n+1])) > width })
	return max(1, n)
}

// lineAt is the index of the line at height y (clamped).
func lineAt(lines []line, y, lineHeight float32) int {
	i := sort.Search(len(lines), func(i int) bool { return lines[i].y+lineHeight > y })
	return min(max(i, 0), len(lines)-1)
}

// lineOf is the index of the line holding offset (a line's end belongs
// to it, so a caret after a line's last word stays on that line).
func lineOf(lines []line, offset int) int {
	i := sort.Search(len(lines), func(i int) bool { return lines[i].end >= offset })
	return min(i, len(lines)-1)
}
