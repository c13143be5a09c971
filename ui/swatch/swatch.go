// Package swatch draws the small colour bars that stand for an
// annotation's or a tag's colour.
package swatch

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// New returns an empty colour bar.
func New() fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(6, 24))
	r.CornerRadius = 2
	return r
}

// Set fills a bar New made.
func Set(o fyne.CanvasObject, c color.Color) {
	r := o.(*canvas.Rectangle)
	r.FillColor = c
	r.Refresh()
}

// Parse reads #rrggbb; anything else is the default highlight yellow.
func Parse(s string) color.Color {
	var r, g, b uint8
	if _, err := fmt.Sscanf(s, "#%02x%02x%02x", &r, &g, &b); err != nil {
		return color.NRGBA{0xff, 0xd5, 0x4f, 0xff}
	}
	return color.NRGBA{r, g, b, 0xff}
}
