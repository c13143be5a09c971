package ui

import (
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
)

// FrameRate is what MeasureScroll saw.
type FrameRate struct {
	Frames   int
	Elapsed  time.Duration
	P50, P95 time.Duration // intervals between frames
	Lines    int           // lines scrolled
}

// FPS is frames per second.
func (f FrameRate) FPS() float64 { return float64(f.Frames) / f.Elapsed.Seconds() }

func (f FrameRate) String() string {
	return fmt.Sprintf("%d frames in %.2f s: %.1f fps (frame interval p50 %.1f ms, p95 %.1f ms; %d lines scrolled)",
		f.Frames, f.Elapsed.Seconds(), f.FPS(), ms(f.P50), ms(f.P95), f.Lines)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// MeasureScroll scrolls the shown article for d, a few lines on every
// frame (starting over at its end), and reports the frames drawn. A
// Fyne animation ticks once per frame, just before the frame is drawn,
// and the driver skips ticks while a frame is late, so the ticks counted
// are the frame rate the user would see. Call it on the UI goroutine.
func (u *UI) MeasureScroll(d time.Duration, linesPerFrame int, done func(FrameRate)) {
	var (
		ticks    []time.Time
		lines    int
		reported bool
	)
	step := float32(linesPerFrame) * u.art.reader.LineHeight()
	// Run past d: the first tick comes a little after Start.
	a := fyne.NewAnimation(d+time.Second, func(float32) {
		ticks = append(ticks, time.Now())
		y := u.art.reader.ScrollY() + step
		if y+u.art.reader.ViewHeight() >= u.art.reader.Page().MinSize().Height {
			y = 0
		}
		u.art.reader.ScrollToY(y)
		lines += linesPerFrame
		if !reported && len(ticks) > 1 && ticks[len(ticks)-1].Sub(ticks[0]) >= d {
			reported = true
			done(frameRate(ticks, lines))
		}
	})
	a.Curve = fyne.AnimationLinear
	a.Start()
}

// frameRate sums up frame times.
func frameRate(ticks []time.Time, lines int) FrameRate {
	gaps := make([]time.Duration, len(ticks)-1)
	for i := range gaps {
		gaps[i] = ticks[i+1].Sub(ticks[i])
	}
	slices.Sort(gaps)
	return FrameRate{
		Frames:  len(gaps),
		Elapsed: ticks[len(ticks)-1].Sub(ticks[0]),
		P50:     gaps[len(gaps)/2],
		P95:     gaps[len(gaps)*95/100],
		Lines:   lines,
	}
}
