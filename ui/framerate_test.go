package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

func TestFrameRateSummary(t *testing.T) {
	start := time.Unix(0, 0)
	at := func(ms ...int) []time.Time {
		out := make([]time.Time, len(ms))
		for i, m := range ms {
			out[i] = start.Add(time.Duration(m) * time.Millisecond)
		}
		return out
	}
	for _, c := range []struct {
		name     string
		ticks    []time.Time
		frames   int
		fps      float64
		p50, p95 time.Duration
	}{
		{"steady 60 Hz", at(0, 16, 32, 48, 64, 80), 5, 62.5, 16 * time.Millisecond, 16 * time.Millisecond},
		{"one late frame", at(0, 20, 40, 100, 120), 4, 33.3, 20 * time.Millisecond, 60 * time.Millisecond},
	} {
		f := frameRate(c.ticks, 3*len(c.ticks))
		if f.Frames != c.frames || f.P50 != c.p50 || f.P95 != c.p95 || f.FPS() < c.fps-0.1 || f.FPS() > c.fps+0.1 {
			t.Errorf("%s: %+v, %.1f fps", c.name, f, f.FPS())
		}
	}
}

func TestMeasureScrollReportsAndScrolls(t *testing.T) {
	u, _ := loaded(t)
	u.win.Resize(fyne.NewSize(900, 320)) // short enough for the article to scroll
	if u.art.reader.Page().MinSize().Height <= u.art.reader.ViewHeight()+3*u.art.reader.LineHeight() {
		t.Fatalf("the article (%.0f px) fits the view (%.0f px)", u.art.reader.Page().MinSize().Height, u.art.reader.ViewHeight())
	}
	var got *FrameRate
	// The test driver ticks an animation once, at its end: one frame.
	u.MeasureScroll(0, 2, func(f FrameRate) { got = &f })
	if want := 2 * u.art.reader.LineHeight(); u.art.reader.ScrollY() != want {
		t.Errorf("scrolled %.1f px in one frame, want two lines (%.1f px)", u.art.reader.ScrollY(), want)
	}
	if got != nil {
		t.Errorf("reported after one tick: %+v", *got)
	}
}
