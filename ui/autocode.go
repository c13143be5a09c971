package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/autocode"
	"github.com/parallax-news/parallax/ui/escentry"
)

// autocodeForm is the Code every hit dialog (kept for tests).
type autocodeForm struct {
	query, tags, note *escentry.Entry
	regex             *widget.Check
	unit              *widget.Select
	preview           *widget.Label
	dialog            *dialog.FormDialog
	plan              *autocode.Plan
}

// promptAutocode codes every passage a search finds: the search in the
// box (or any typed), a tag, the unit; the count shows before anything
// is written, and one undo takes the whole batch back.
func (u *UI) promptAutocode() {
	if u.p.Coder == nil {
		return
	}
	f := &autocodeForm{query: escentry.New(u.escape), tags: escentry.New(u.escape), note: escentry.New(u.escape),
		regex: widget.NewCheck("Regular expression", nil), unit: widget.NewSelect([]string{"match", "sentence", "paragraph"}, nil),
		preview: widget.NewLabel("")}
	if q := strings.TrimSpace(u.lib.query.Text); !strings.HasPrefix(q, ">") {
		f.query.SetText(q)
	}
	f.query.SetPlaceHolder(`words, "a phrase", a NEAR/5 b…`)
	f.query.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("type what to find")
		}
		return nil
	}
	f.tags.SetPlaceHolder("tag, tag…")
	f.tags.Validator = func(s string) error {
		if len(app.SplitTags(s)) == 0 {
			return fmt.Errorf("give a tag")
		}
		_, err := app.NormalizeTags(app.SplitTags(s))
		return err
	}
	f.unit.SetSelected("sentence")
	f.preview.Wrapping = fyne.TextWrapWord
	refresh := func() { u.previewAutocode(f) }
	f.query.OnChanged = func(string) { refresh() }
	f.tags.OnChanged = func(string) { refresh() }
	f.regex.OnChanged = func(bool) { refresh() }
	f.unit.OnChanged = func(string) { refresh() }
	items := []*widget.FormItem{
		widget.NewFormItem("Find", f.query), widget.NewFormItem("", f.regex), widget.NewFormItem("Code the", f.unit),
		widget.NewFormItem("With tags", f.tags), widget.NewFormItem("Note", f.note), widget.NewFormItem("", f.preview),
	}
	f.dialog = dialog.NewForm("Code every hit", "Code them", "Cancel", items, func(ok bool) {
		if ok && f.plan != nil && len(f.plan.Passages) > 0 {
			plan := *f.plan
			plan.Spec.Note = f.note.Text
			u.applyAutocode(plan)
		}
	}, u.win)
	f.dialog.Resize(fyne.NewSize(620, 0))
	u.autocodeForm = f
	u.showDialog(f.dialog)
	// With the search already there, what is left to give is the tag.
	if f.query.Text != "" {
		u.win.Canvas().Focus(f.tags)
	} else {
		u.win.Canvas().Focus(f.query)
	}
	refresh()
}

// previewAutocode counts what the form would code, off the UI
// goroutine; the dialog codes nothing until the count is shown.
func (u *UI) previewAutocode(f *autocodeForm) {
	f.plan = nil
	f.preview.SetText("")
	spec := autocode.Spec{Query: strings.TrimSpace(f.query.Text), Regex: f.regex.Checked, Unit: autocode.Unit(f.unit.Selected),
		Tags: app.SplitTags(f.tags.Text), Analyst: u.an.Analyst}
	if spec.Query == "" || len(spec.Tags) == 0 {
		f.preview.SetText("Type what to find and the tags to code it with.")
		return
	}
	u.background(func() {
		plan, err := autocode.Preview(context.Background(), u.p.Coder, spec)
		u.jobs.Post(func() {
			if strings.TrimSpace(f.query.Text) != spec.Query || f.regex.Checked != spec.Regex || f.unit.Selected != string(spec.Unit) || strings.Join(app.SplitTags(f.tags.Text), ",") != strings.Join(spec.Tags, ",") {
				return // the form changed since: a newer preview follows
			}
			if err != nil {
				f.preview.SetText(err.Error())
				return
			}
			f.plan = &plan
			msg := fmt.Sprintf("Will code %d passages in %d articles.", len(plan.Passages), plan.Articles)
			if plan.Existing > 0 {
				msg += fmt.Sprintf(" %d are coded so already.", plan.Existing)
			}
			f.preview.SetText(msg)
		})
	})
}

// applyAutocode writes a plan as one step: undo deletes the batch, redo
// codes the same passages again.
func (u *UI) applyAutocode(plan autocode.Plan) {
	u.record(func() (func() error, error) {
		res, err := autocode.Apply(context.Background(), u.p.Coder, plan, time.Now(), nil)
		if err != nil {
			return nil, err
		}
		u.jobs.Post(func() {
			u.status.SetText(fmt.Sprintf("Coded %d passages in %d articles with %s (Ctrl+Z takes them back).", res.Annotations, res.Articles, strings.Join(plan.Spec.Tags, ", ")))
		})
		return func() error { _, err := autocode.Undo(u.p.Coder, res.Batch); return err }, nil
	}, func() {
		u.reloadAnnotations()
	})
}
