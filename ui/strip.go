package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// jobStrip is the progress of a long job (an import) in a strip above
// the status bar, not a modal dialog: the analyst goes on reading and
// annotating while it runs, and Cancel stops it.
type jobStrip struct {
	box    *fyne.Container
	label  *widget.Label
	bar    *widget.ProgressBar
	cancel *widget.Button
	stop   context.CancelFunc
}

func newJobStrip() *jobStrip {
	s := &jobStrip{label: widget.NewLabel(""), bar: widget.NewProgressBar()}
	s.label.Truncation = fyne.TextTruncateEllipsis
	s.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		if s.stop != nil {
			s.stop()
		}
	})
	barRoom := container.New(layout.NewGridWrapLayout(fyne.NewSize(220, s.bar.MinSize().Height)), s.bar)
	s.box = container.NewBorder(nil, nil, nil, container.NewHBox(barRoom, s.cancel), s.label)
	s.box.Hide()
	return s
}

// start shows the strip for a job that parent's cancel or the Cancel
// button stops; done hides it.
func (s *jobStrip) start(parent context.Context, status string) (ctx context.Context, done func()) {
	ctx, cancel := context.WithCancel(parent)
	s.stop = cancel
	s.label.SetText(status)
	s.bar.SetValue(0)
	s.box.Show()
	return ctx, func() {
		cancel()
		s.stop = nil
		s.box.Hide()
	}
}
