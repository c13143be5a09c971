package reader

import (
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

const sample = "The Kremlin on Tuesday invited Ukraine's president to Moscow for peace talks.\n\n" +
	"Kyiv called the invitation a trap — “we will not go,” an adviser said — and refused to travel.\n\n" +
	"Західні дипломати сказали, що пропозиція була спрямована на європейських виборців."

func newReader(t testing.TB, text string, size fyne.Size) (*Reader, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	r := New()
	w := test.NewWindow(r)
	t.Cleanup(w.Close)
	w.Resize(size)
	r.SetText(text)
	return r, w
}

func TestOffsetPositionRoundTrip(t *testing.T) {
	r, _ := newReader(t, sample, fyne.NewSize(260, 400))
	p := r.Page()
	if len(p.lines) < 6 {
		t.Fatalf("only %d lines at 260 px", len(p.lines))
	}
	for o := 0; o <= len(p.text); o++ {
		pos := p.PositionOf(o)
		// A point just inside the character's top left finds it again.
		if got := p.OffsetAt(pos.Add(fyne.NewPos(0.5, p.lineH/2))); got != o && !(p.text[min(o, len(p.text)-1)] == '\n') {
			// The offset at a line break sits at the end of its line and
			// the next line's start is one later: both are fine.
			l := p.lines[lineOf(p.lines, o)]
			if o != l.end || got != l.end {
				t.Fatalf("offset %d → %v → %d", o, pos, got)
			}
		}
	}
	// Positions beyond the text clamp to its ends.
	if got := p.OffsetAt(fyne.NewPos(-50, -50)); got != 0 {
		t.Errorf("above the text: %d", got)
	}
	if got := p.OffsetAt(fyne.NewPos(1e4, 1e5)); got != len(p.text) {
		t.Errorf("below the text: %d, want %d", got, len(p.text))
	}
}

func pointAt(p *Page, offset int) fyne.Position {
	return p.PositionOf(offset).Add(fyne.NewPos(0.5, p.lineH/2))
}

func TestMouseSelection(t *testing.T) {
	r, _ := newReader(t, sample, fyne.NewSize(300, 400))
	p := r.Page()
	var got [][2]int
	r.OnSelected(func(s, e int) { got = append(got, [2]int{s, e}) })
	start := strings.Index(sample, "Kremlin")
	end := start + len("Kremlin on Tuesday")

	// Drag from "Kremlin" to after "Tuesday".
	p.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointAt(p, start)}, Button: desktop.MouseButtonPrimary})
	p.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pointAt(p, start+3)}})
	p.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pointAt(p, end)}})
	p.DragEnd()
	p.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointAt(p, end)}, Button: desktop.MouseButtonPrimary})
	if s, e := r.Selection(); s != start || e != end || len(got) != 1 || got[0] != [2]int{start, end} {
		t.Fatalf("drag selected %d-%d, reported %v; want %d-%d", s, e, got, start, end)
	}

	// Shift-click extends to the end of "peace".
	peace := strings.Index(sample, "peace") + len("peace")
	shift := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointAt(p, peace)}, Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierShift}
	p.MouseDown(shift)
	p.MouseUp(shift)
	if s, e := r.Selection(); s != start || e != peace || got[len(got)-1] != [2]int{start, peace} {
		t.Errorf("shift-click: %d-%d, reported %v", s, e, got)
	}

	// A double-click selects a word, Cyrillic too.
	word := []rune(sample)
	k := strings.Index(sample, "дипломати")
	cp := len([]rune(sample[:k]))
	p.DoubleTapped(&fyne.PointEvent{Position: pointAt(p, cp+3)})
	if s, e := r.Selection(); string(word[s:e]) != "дипломати" {
		t.Errorf("double-click selected %q", string(word[s:e]))
	}
}

func TestTappingAHighlight(t *testing.T) {
	r, _ := newReader(t, sample, fyne.NewSize(300, 400))
	p := r.Page()
	outer := Highlight{ID: 1, Start: 4, End: 40, Color: color.NRGBA{255, 213, 79, 255}}
	inner := Highlight{ID: 2, Start: 10, End: 20, Color: color.NRGBA{100, 181, 246, 255}}
	r.SetHighlights([]Highlight{outer, inner})
	var tapped []uint64
	r.OnHighlightTapped(func(h Highlight) { tapped = append(tapped, h.ID) })
	p.Tapped(&fyne.PointEvent{Position: pointAt(p, 12)})
	p.Tapped(&fyne.PointEvent{Position: pointAt(p, 30)})
	p.Tapped(&fyne.PointEvent{Position: pointAt(p, 60)})
	if fmt.Sprint(tapped) != "[2 1]" {
		t.Errorf("tapped %v, want the inner then the outer highlight", tapped)
	}
}

// longText is n words in paragraphs of 120, with a vocabulary of
// about 4,000 distinct words as a long article has.
func longText(n int) string {
	words := strings.Fields("the Kremlin invited Ukraine's president to Moscow for peace talks while Kyiv called the offer a trap and Western diplomats said the proposal aimed at European voters")
	var b strings.Builder
	for i := range n {
		if i > 0 {
			if i%120 == 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(words[(i*7)%len(words)])
		if i%3 == 0 {
			fmt.Fprint(&b, i%4000)
		}
	}
	return b.String()
}

func TestOnlyVisibleLinesAreDrawn(t *testing.T) {
	r, _ := newReader(t, longText(20000), fyne.NewSize(600, 400))
	p := r.Page()
	n := len(test.WidgetRenderer(p).Objects())
	if len(p.lines) < 1000 || n == 0 || n > 80 {
		t.Fatalf("%d lines, %d objects drawn", len(p.lines), n)
	}
	r.SetHighlights([]Highlight{{ID: 1, Start: 0, End: len(p.text), Color: color.Black}})
	r.ScrollTo(len(p.text) / 2)
	objs := test.WidgetRenderer(p).Objects()
	if len(objs) > 160 {
		t.Errorf("%d objects after scrolling with a highlight over everything", len(objs))
	}
	mid := p.PositionOf(len(p.text) / 2).Y
	for _, o := range objs {
		if y := o.Position().Y; y < mid-500 || y > mid+500 {
			t.Fatalf("object at y %v drawn, the view is around %v", y, mid)
		}
	}
}

// BenchmarkOpenAndResize lays out a 20,000-word article with 500
// highlights, as opening it does, then re-wraps it for a new width
// (targets: 150 ms and 30 ms).
func BenchmarkOpenAndResize(b *testing.B) {
	text := longText(20000)
	var hs []Highlight
	for i := range 500 {
		hs = append(hs, Highlight{ID: uint64(i), Start: i * 200, End: i*200 + 40, Color: color.NRGBA{255, 213, 79, 255}})
	}
	var open, resize time.Duration
	for b.Loop() {
		r, w := newReader(b, "", fyne.NewSize(700, 500))
		start := time.Now()
		r.SetText(text)
		r.SetHighlights(hs)
		open += time.Since(start)
		start = time.Now()
		w.Resize(fyne.NewSize(560, 500))
		resize += time.Since(start)
	}
	b.ReportMetric(float64(open.Milliseconds())/float64(b.N), "open-ms")
	b.ReportMetric(float64(resize.Milliseconds())/float64(b.N), "resize-ms")
}

// BenchmarkScroll scrolls a 20,000-word article with 500 highlights line
// by line, as a mouse wheel does: the work per frame of turning the newly
// visible lines into canvas objects (target: 50 frames a second, so well
// under 20 ms, leaving the rest to the renderer).
func BenchmarkScroll(b *testing.B) {
	text := longText(20000)
	var hs []Highlight
	for i := range 500 {
		hs = append(hs, Highlight{ID: uint64(i), Start: i * 200, End: i*200 + 40, Color: color.NRGBA{255, 213, 79, 255}})
	}
	r, _ := newReader(b, text, fyne.NewSize(700, 500))
	r.SetHighlights(hs)
	p := r.Page()
	height := p.MinSize().Height
	y := float32(0)
	for b.Loop() {
		y += p.lineH
		if y > height-500 {
			y = 0
		}
		r.scroll.ScrollToOffset(fyne.NewPos(0, y))
		p.setViewport(y, 500)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/frame")
}

// TestRendersToMarkup pins what the reader draws for a short text with
// two overlapping highlights, a search mark and a selection: one text
// per line, rectangles behind.
func TestRendersToMarkup(t *testing.T) {
	r, w := newReader(t, "The Kremlin invited Kyiv to talks.\n\nKyiv said no.", fyne.NewSize(240, 200))
	r.SetHighlights([]Highlight{{ID: 1, Start: 4, End: 19, Color: color.NRGBA{0x81, 0xc7, 0x84, 0xff}}, {ID: 2, Start: 12, End: 24, Color: color.NRGBA{0x64, 0xb5, 0xf6, 0xff}}})
	r.SetMarks([][2]int{{36, 40}})
	r.Select(41, 48)
	test.AssertRendersToMarkup(t, "reader.xml", w.Canvas())
}

// On a wide window lines stop at about 100 characters; on a narrow one
// they wrap to the width as before (issue 23: "a readable line length").
func TestLinesKeepAReadableLength(t *testing.T) {
	text := strings.Repeat("The council met on Monday to discuss the dam and the water it holds back. ", 30)
	for _, c := range []struct {
		width    float32
		min, max int // characters on a full line
	}{
		{3000, 85, 115},
		{400, 20, 60},
	} {
		r, _ := newReader(t, text, fyne.NewSize(c.width, 600))
		longest := 0
		for _, l := range r.page.lines {
			longest = max(longest, len([]rune(string(r.page.text[l.start:l.end]))))
		}
		if longest < c.min || longest > c.max {
			t.Errorf("width %.0f: the longest line has %d characters, want %d–%d", c.width, longest, c.min, c.max)
		}
	}
}

// A drag that starts or ends inside a word takes the whole word; with
// Alt held it keeps the exact letters; a plain click clears.
func TestSelectionSnapsToWords(t *testing.T) {
	r, _ := newReader(t, sample, fyne.NewSize(300, 400))
	p := r.Page()
	var got [][2]int
	cleared := 0
	r.OnSelected(func(s, e int) { got = append(got, [2]int{s, e}) })
	r.OnCleared(func() { cleared++ })
	drag := func(from, to int, mod fyne.KeyModifier) {
		p.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointAt(p, from)}, Button: desktop.MouseButtonPrimary, Modifier: mod})
		p.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pointAt(p, to)}})
		p.DragEnd()
		p.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointAt(p, to)}, Button: desktop.MouseButtonPrimary, Modifier: mod})
	}
	kremlin := strings.Index(sample, "Kremlin")
	tuesday := strings.Index(sample, "Tuesday")
	drag(kremlin+2, tuesday+3, 0) // "emlin on Tue"
	if s, e := r.Selection(); sample[s:e] != "Kremlin on Tuesday" || got[len(got)-1] != [2]int{s, e} {
		t.Errorf("snapped to %q, reported %v", sample[s:e], got)
	}
	drag(kremlin+2, tuesday+3, fyne.KeyModifierAlt)
	if s, e := r.Selection(); sample[s:e] != "emlin on Tue" {
		t.Errorf("with Alt: %q", sample[s:e])
	}
	drag(kremlin, tuesday+len("Tuesday"), 0) // already whole words
	if s, e := r.Selection(); sample[s:e] != "Kremlin on Tuesday" {
		t.Errorf("whole words: %q", sample[s:e])
	}
	click := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointAt(p, kremlin)}, Button: desktop.MouseButtonPrimary}
	p.MouseDown(click)
	p.MouseUp(click)
	if s, e := r.Selection(); s != e || cleared != 1 {
		t.Errorf("a click left %d-%d selected, cleared %d times", s, e, cleared)
	}
}
