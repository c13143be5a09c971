package escentry

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestEscapeReachesTheCallback(t *testing.T) {
	test.NewTempApp(t)
	n := 0
	e, m, s := New(func() { n++ }), NewMultiLine(func() { n++ }), NewSelect([]string{"BBC"}, func() { n++ })
	w := test.NewWindow(fyne.NewContainerWithoutLayout(e, m, s))
	defer w.Close()
	for _, typed := range []interface{ TypedKey(*fyne.KeyEvent) }{e, m, s} {
		typed.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	}
	test.Type(e, "still types")
	if n != 3 || e.Text != "still types" {
		t.Errorf("Escape heard %d times (want 3); text %q", n, e.Text)
	}
}
