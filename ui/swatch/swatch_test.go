package swatch

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2/canvas"
)

func TestParse(t *testing.T) {
	yellow := color.NRGBA{0xff, 0xd5, 0x4f, 0xff}
	for _, c := range []struct {
		in   string
		want color.Color
	}{
		{"#81c784", color.NRGBA{0x81, 0xc7, 0x84, 0xff}},
		{"#FFFFFF", color.NRGBA{0xff, 0xff, 0xff, 0xff}},
		{"", yellow},
		{"green", yellow},
		{"#12", yellow},
	} {
		if got := Parse(c.in); got != c.want {
			t.Errorf("Parse(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestSetFillsTheBar(t *testing.T) {
	b := New()
	Set(b, color.NRGBA{1, 2, 3, 255})
	if got := b.(*canvas.Rectangle).FillColor; got != (color.NRGBA{1, 2, 3, 255}) {
		t.Errorf("fill %v", got)
	}
}
