// Package reader is the article reader widget: a long text wrapped by
// its own layout (word widths cached, so a resize measures nothing new),
// of which only the visible lines become canvas objects, with coloured
// highlights behind the text and mouse selection by code point offsets.
// Fyne's RichText and Label cannot do this for a 20,000-word article:
// their wrapping is quadratic and they have no highlights or offsets.
package reader

import (
	"image/color"
	"slices"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Highlight is a coloured span of the text, in code points: a
// translucent background, or with Underline a bar under the words (the
// compare window marks changed words so, inside a coloured passage).
type Highlight struct {
	ID         uint64
	Start, End int
	Color      color.Color
	Underline  bool
	// Outline draws a frame around the words instead of a fill: the
	// compare window marks the counterpart of the passage clicked so,
	// over the passage's own colour.
	Outline bool
}

// Reader shows a text in a vertical scroll.
type Reader struct {
	widget.BaseWidget
	page       *Page
	scroll     *container.Scroll
	onScrolled func()
}

// New returns an empty reader.
func New() *Reader {
	r := &Reader{page: newPage()}
	r.scroll = container.NewVScroll(r.page)
	r.scroll.OnScrolled = func(p fyne.Position) {
		r.page.setViewport(p.Y, r.scroll.Size().Height)
		if r.onScrolled != nil {
			r.onScrolled()
		}
	}
	r.page.onHeight = func() { r.scroll.Refresh() }
	r.ExtendBaseWidget(r)
	return r
}

func (r *Reader) CreateRenderer() fyne.WidgetRenderer {
	return &readerRenderer{r: r}
}

type readerRenderer struct{ r *Reader }

func (rr *readerRenderer) Layout(size fyne.Size) {
	rr.r.scroll.Resize(size)
	rr.r.page.setViewport(rr.r.scroll.Offset.Y, size.Height)
}
func (rr *readerRenderer) MinSize() fyne.Size           { return fyne.NewSize(120, 80) }
func (rr *readerRenderer) Refresh()                     { rr.r.scroll.Refresh(); rr.r.page.Refresh() }
func (rr *readerRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{rr.r.scroll} }
func (rr *readerRenderer) Destroy()                     {}

// Page is the scrolled surface: tests drive its mouse methods.
func (r *Reader) Page() *Page { return r.page }

// SetText shows a new text, scrolled to the top, with nothing selected
// or highlighted.
func (r *Reader) SetText(text string) {
	r.page.setText(text)
	r.scroll.ScrollToTop()
	r.page.setViewport(0, r.scroll.Size().Height)
}

// Text is the shown text.
func (r *Reader) Text() string { return string(r.page.text) }

// SetHighlights replaces the highlights.
func (r *Reader) SetHighlights(hs []Highlight) {
	r.page.highlights = slices.Clone(hs)
	r.page.gen++
	r.page.Refresh()
}

// Highlights are the highlights shown.
func (r *Reader) Highlights() []Highlight { return slices.Clone(r.page.highlights) }

// SetMarks marks spans (search matches) with the theme's match colour.
func (r *Reader) SetMarks(spans [][2]int) {
	r.page.marks = slices.Clone(spans)
	r.page.gen++
	r.page.Refresh()
}

// Selection returns the selected span (start == end: none).
func (r *Reader) Selection() (start, end int) { return r.page.selection() }

// Select selects a span, as if the user had, without calling OnSelected.
func (r *Reader) Select(start, end int) {
	r.page.anchor, r.page.caret = r.page.clamp(start), r.page.clamp(end)
	r.page.Refresh()
}

// ClearSelection selects nothing.
func (r *Reader) ClearSelection() { r.Select(0, 0) }

// ScrollTo scrolls so the offset is in view, a third of the way down.
func (r *Reader) ScrollTo(offset int) {
	y := r.page.PositionOf(offset).Y - r.scroll.Size().Height/3
	r.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y)))
	r.page.setViewport(r.scroll.Offset.Y, r.scroll.Size().Height)
}

// LineHeight is the height of one line of text.
func (r *Reader) LineHeight() float32 {
	r.page.relayout(r.page.Size().Width)
	return r.page.lineH
}

// ScrollY is how far the text is scrolled down, in pixels.
func (r *Reader) ScrollY() float32 { return r.scroll.Offset.Y }

// ViewHeight is the height of the visible part of the text.
func (r *Reader) ViewHeight() float32 { return r.scroll.Size().Height }

// ScrollToY scrolls the text y pixels down (clamped to the text), without
// calling OnScrolled, so two readers can follow each other.
func (r *Reader) ScrollToY(y float32) {
	y = min(y, r.page.MinSize().Height-r.scroll.Size().Height)
	r.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y)))
	r.page.setViewport(r.scroll.Offset.Y, r.scroll.Size().Height)
}

// OnScrolled is called after the user scrolls the text.
func (r *Reader) OnScrolled(fn func()) { r.onScrolled = fn }

// OnSelected is called when the user finishes selecting a span (a drag,
// a double-click on a word, a shift-click).
func (r *Reader) OnSelected(fn func(start, end int)) { r.page.onSelected = fn }

// OnCleared is called when a click leaves nothing selected.
func (r *Reader) OnCleared(fn func()) { r.page.onCleared = fn }

// OnHighlightTapped is called when the user clicks a highlight (the
// innermost, if several overlap).
func (r *Reader) OnHighlightTapped(fn func(Highlight)) { r.page.onHighlight = fn }

// Page draws the text and takes the mouse.
type Page struct {
	widget.BaseWidget
	text       []rune
	highlights []Highlight
	marks      [][2]int
	anchor     int
	caret      int
	dragging   bool
	exact      bool // Alt was held: the selection keeps its exact letters

	onSelected  func(start, end int)
	onCleared   func()
	onHighlight func(Highlight)
	onHeight    func()

	wrap      *wrapper
	lines     []line
	wrapWidth float32
	lineH     float32
	textH     float32
	textSize  float32
	margin    float32
	maxLine   float32 // the widest a line is wrapped to
	viewTop   float32
	viewH     float32
	// xs caches x for the offsets drawn (highlight and selection edges):
	// measuring a line's prefix shapes text, too slow for every frame.
	xs map[int]float32
	// gen changes with anything drawn other than the visible lines and
	// the selection: text, wrapping, highlights, marks.
	gen uint64
}

func newPage() *Page {
	p := &Page{}
	p.ExtendBaseWidget(p)
	return p
}

func (p *Page) setText(text string) {
	p.text = []rune(text)
	p.highlights, p.marks = nil, nil
	p.anchor, p.caret = 0, 0
	p.wrapWidth = -1 // re-wrap for the new text
	p.gen++
	if p.relayout(p.Size().Width) && p.onHeight != nil {
		p.onHeight()
	}
	p.Refresh()
}

func (p *Page) setViewport(top, height float32) {
	if top == p.viewTop && height == p.viewH {
		return
	}
	p.viewTop, p.viewH = top, height
	p.Refresh()
}

// Lines are at most about maxLineChars characters of typicalText's
// average width: longer lines are hard to follow back to the next one.
const (
	maxLineChars = 100
	typicalText  = "Riverton's council ratified the Kessel dam agreement on Thursday, after a long debate."
)

// relayout wraps the text for a page width; it reports whether the
// page's height changed.
func (p *Page) relayout(width float32) bool {
	size := theme.TextSize()
	if p.wrap == nil || size != p.textSize {
		p.textSize = size
		p.wrap = newWrapper(func(s string) float32 { return fyne.MeasureText(s, size, fyne.TextStyle{}).Width })
		p.textH = fyne.MeasureText("Mg", size, fyne.TextStyle{}).Height
		p.lineH = p.textH * 1.35
		p.margin = theme.InnerPadding()
		p.maxLine = maxLineChars * fyne.MeasureText(typicalText, size, fyne.TextStyle{}).Width / float32(len(typicalText))
		p.wrapWidth = -1
	}
	if width == p.wrapWidth {
		return false
	}
	before := len(p.lines)
	p.wrapWidth = width
	p.gen++
	clear(p.xs)
	p.lines = p.wrap.wrap(p.text, max(min(width-2*p.margin, p.maxLine), 40), p.lineH)
	return len(p.lines) != before
}

// Resize re-wraps for a new width and tells the scroll when the text's
// height changed.
func (p *Page) Resize(size fyne.Size) {
	changed := p.relayout(size.Width)
	p.BaseWidget.Resize(size)
	if changed && p.onHeight != nil {
		p.onHeight()
	}
}

// MinSize is the wrapped text's height.
func (p *Page) MinSize() fyne.Size {
	p.relayout(p.Size().Width)
	return fyne.NewSize(80, float32(len(p.lines))*p.lineH+2*p.margin)
}

func (p *Page) clamp(offset int) int { return min(max(offset, 0), len(p.text)) }

func (p *Page) selection() (int, int) {
	return min(p.anchor, p.caret), max(p.anchor, p.caret)
}

// x is the horizontal position of offset within line l.
func (p *Page) x(l line, offset int) float32 {
	offset = min(max(offset, l.start), l.end)
	if offset == l.start {
		return p.margin
	}
	if x, ok := p.xs[offset]; ok && offset != l.end {
		return x // a line's end is also the next line's start: not cached
	}
	x := p.margin + p.wrap.measure(string(p.text[l.start:offset]))
	if offset != l.end {
		if p.xs == nil {
			p.xs = map[int]float32{}
		}
		p.xs[offset] = x
	}
	return x
}

// PositionOf is the top-left of the code point at offset.
func (p *Page) PositionOf(offset int) fyne.Position {
	if len(p.lines) == 0 {
		return fyne.NewPos(p.margin, p.margin)
	}
	l := p.lines[lineOf(p.lines, p.clamp(offset))]
	return fyne.NewPos(p.x(l, offset), p.margin+l.y)
}

// OffsetAt is the offset of the character boundary nearest to pos.
func (p *Page) OffsetAt(pos fyne.Position) int {
	if len(p.lines) == 0 {
		return 0
	}
	l := p.lines[lineAt(p.lines, pos.Y-p.margin, p.lineH)]
	lo, hi := l.start, l.end
	for lo < hi { // the first boundary right of pos.X
		mid := (lo + hi) / 2
		if p.x(l, mid+1) <= pos.X {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < l.end && pos.X-p.x(l, lo) > p.x(l, lo+1)-pos.X {
		lo++
	}
	return lo
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordAt is the word (letters and digits) around offset.
func (p *Page) wordAt(offset int) (int, int) {
	isWord := func(i int) bool { return i >= 0 && i < len(p.text) && isWordRune(p.text[i]) }
	s, e := offset, offset
	for isWord(s - 1) {
		s--
	}
	for isWord(e) {
		e++
	}
	return s, e
}

// finish ends a selection: it grows to whole words (unless Alt was
// held), as analysts code words, not letters, and says so.
func (p *Page) finish() {
	s, e := p.selection()
	if s == e {
		if p.onCleared != nil {
			p.onCleared()
		}
		return
	}
	if !p.exact {
		s, e = p.snap(s, e)
		p.anchor, p.caret = s, e
		p.Refresh()
	}
	if p.onSelected != nil {
		p.onSelected(s, e)
	}
}

// snap moves a span's ends out to the edges of the words they fall in.
func (p *Page) snap(s, e int) (int, int) {
	if ws, _ := p.wordAt(s); ws < s && s < len(p.text) && isWordRune(p.text[s]) {
		s = ws
	}
	if _, we := p.wordAt(e); we > e && e > 0 && isWordRune(p.text[e-1]) {
		e = we
	}
	return s, e
}

// MouseDown starts a selection, or extends it with Shift.
func (p *Page) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	at := p.OffsetAt(ev.Position)
	p.exact = ev.Modifier&fyne.KeyModifierAlt != 0
	if ev.Modifier&fyne.KeyModifierShift != 0 {
		p.caret = at
	} else {
		p.anchor, p.caret = at, at
	}
	p.Refresh()
}

// MouseUp ends a shift-click extension; a plain click selects nothing.
func (p *Page) MouseUp(ev *desktop.MouseEvent) {
	if !p.dragging && (ev.Modifier&fyne.KeyModifierShift != 0 || p.anchor == p.caret) {
		p.finish()
	}
}

// Dragged moves the selection's end with the pointer.
func (p *Page) Dragged(ev *fyne.DragEvent) {
	p.dragging = true
	p.caret = p.OffsetAt(ev.Position)
	p.Refresh()
}

// DragEnd ends a drag selection.
func (p *Page) DragEnd() {
	p.dragging = false
	p.finish()
}

// Tapped opens the highlight under the pointer.
func (p *Page) Tapped(ev *fyne.PointEvent) {
	if p.onHighlight == nil {
		return
	}
	at := p.OffsetAt(ev.Position)
	var hit *Highlight
	for i, h := range p.highlights {
		if h.Start <= at && at < h.End && (hit == nil || h.End-h.Start < hit.End-hit.Start) {
			hit = &p.highlights[i]
		}
	}
	if hit != nil {
		p.onHighlight(*hit)
	}
}

// DoubleTapped selects the word under the pointer.
func (p *Page) DoubleTapped(ev *fyne.PointEvent) {
	s, e := p.wordAt(p.OffsetAt(ev.Position))
	p.anchor, p.caret = s, e
	p.Refresh()
	p.finish()
}

// Marks are the marked spans.
func (p *Page) Marks() [][2]int { return p.marks }

// Highlights are the highlights shown.
func (p *Page) Highlights() []Highlight { return p.highlights }

// Cursor is the text cursor.
func (p *Page) Cursor() desktop.Cursor { return desktop.TextCursor }

func (p *Page) CreateRenderer() fyne.WidgetRenderer { return &pageRenderer{p: p} }

// pageRenderer turns only the visible lines into canvas objects: one
// text per line, rectangles behind for highlights, marks and selection.
type pageRenderer struct {
	p       *Page
	objects []fyne.CanvasObject
	texts   []*canvas.Text
	rects   []*canvas.Rectangle
	drawn   drawnKey
}

// drawnKey is what the objects were built for: while it holds, scrolling
// within the same lines (or a second refresh in one frame) rebuilds
// nothing.
type drawnKey struct {
	first, last int
	gen         uint64
	selS, selE  int
	fg, sel     color.Color
}

func (r *pageRenderer) Layout(fyne.Size) { r.Refresh() }
func (r *pageRenderer) MinSize() fyne.Size {
	return r.p.MinSize()
}
func (r *pageRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *pageRenderer) Destroy()                     {}

func (r *pageRenderer) Refresh() {
	p := r.p
	p.relayout(p.Size().Width)
	first, last := -1, -1
	if len(p.lines) > 0 {
		top, bottom := p.viewTop-p.lineH, p.viewTop+p.viewH+p.lineH
		if p.viewH <= 0 { // not in a scroll yet: draw what fits the page
			top, bottom = 0, p.Size().Height
		}
		first, last = lineAt(p.lines, top-p.margin, p.lineH), lineAt(p.lines, bottom-p.margin, p.lineH)
	}
	selS, selE := p.selection()
	key := drawnKey{first, last, p.gen, selS, selE, theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNameSelection)}
	if key == r.drawn {
		return
	}
	r.drawn = key
	// One canvas refresh for the page, not one per object: each costs a
	// goroutine check that reads the stack, and the painter reads the
	// objects' fields every frame anyway (text textures are cached by
	// content).
	defer canvas.Refresh(p)
	r.objects = r.objects[:0]
	nt, nr := 0, 0
	rect := func(x1, y, x2, height float32, c color.Color) *canvas.Rectangle {
		if nr == len(r.rects) {
			r.rects = append(r.rects, canvas.NewRectangle(c))
		}
		o := r.rects[nr]
		nr++
		o.FillColor, o.StrokeWidth = c, 0
		o.Move(fyne.NewPos(x1, y))
		o.Resize(fyne.NewSize(max(x2-x1, 2), height))
		r.objects = append(r.objects, o)
		return o
	}
	if first >= 0 {
		spans := func(l line, s, e int, c color.Color) *canvas.Rectangle {
			if s < l.end && e > l.start {
				y := p.margin + l.y
				return rect(p.x(l, max(s, l.start)), y, p.x(l, min(e, l.end)), p.lineH, c)
			}
			return nil
		}
		under := max(2, p.lineH/12)
		for _, l := range p.lines[first : last+1] {
			for _, h := range p.highlights {
				if h.Underline {
					if h.Start < l.end && h.End > l.start {
						y := p.margin + l.y + (p.lineH+p.textH)/2
						rect(p.x(l, max(h.Start, l.start)), y, p.x(l, min(h.End, l.end)), under, h.Color)
					}
					continue
				}
				if h.Outline {
					if o := spans(l, h.Start, h.End, color.Transparent); o != nil {
						// Outside the words, so the frame covers no letter.
						o.StrokeColor, o.StrokeWidth = h.Color, under
						o.Move(o.Position().SubtractXY(under, 0))
						o.Resize(o.Size().AddWidthHeight(2*under, 0))
					}
					continue
				}
				spans(l, h.Start, h.End, Translucent(h.Color, 0x88))
			}
			for _, m := range p.marks {
				spans(l, m[0], m[1], Translucent(theme.Color(theme.ColorNameWarning), 0x70))
			}
			if selS < selE {
				spans(l, selS, selE, theme.Color(theme.ColorNameSelection))
			}
		}
		for _, l := range p.lines[first : last+1] {
			if l.end <= l.start {
				continue
			}
			if nt == len(r.texts) {
				r.texts = append(r.texts, canvas.NewText("", nil))
			}
			t := r.texts[nt]
			nt++
			t.Text, t.Color, t.TextSize = string(p.text[l.start:l.end]), theme.Color(theme.ColorNameForeground), p.textSize
			t.Move(fyne.NewPos(p.margin, p.margin+l.y+(p.lineH-p.textH)/2))
			r.objects = append(r.objects, t)
		}
	}
}

// Translucent is c with alpha a, for colours drawn behind text.
func Translucent(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}
