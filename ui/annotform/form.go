// Package annotform is the dialog that annotates a selected passage or
// edits an annotation: note, tags and colour.
package annotform

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/ui/tagentry"
)

// Values are what the form was filled in with. Color is #rrggbb, or ""
// for the first tag's colour.
type Values struct {
	Note  string
	Tags  []string
	Color string
}

// Form is an annotate or edit dialog.
type Form struct {
	Note   *NoteEntry
	Tags   *tagentry.Entry
	Color  *widget.Select
	submit func(Values)
	remove func()
	dialog dialog.Dialog
}

// fromTag is the colour choice that leaves the colour to the first tag.
const fromTag = "the first tag's"

// New builds the dialog for annotation a (its quote, and for an existing
// one its note, tags and colour) over parent, offering knownTags for
// completion. onRemove, if set, adds a Delete button.
func New(parent fyne.Window, title string, a app.Annotation, knownTags []string, onSubmit func(Values), onRemove func()) *Form {
	f := &Form{Note: newNoteEntry(), Tags: tagentry.New(knownTags), submit: onSubmit, remove: onRemove}
	f.Note.onEscape, f.Note.onSave = f.Hide, f.Submit
	f.Tags.OnEscape = f.Hide
	f.Tags.OnSubmitted = func(string) { f.Submit() }
	f.Note.SetText(a.Note)
	f.Note.SetPlaceHolder("Note (Markdown)")
	f.Note.SetMinRowsVisible(4)
	f.Tags.SetText(strings.Join(a.Tags, ", "))
	f.Tags.SetPlaceHolder("comma-separated, e.g. actor/russia")
	names := app.PaletteNames()
	f.Color = widget.NewSelect(append([]string{fromTag}, names...), nil)
	f.Color.SetSelected(fromTag)
	for _, n := range names {
		if app.Palette[n] == a.Color {
			f.Color.SetSelected(n)
		}
	}
	quote := widget.NewLabel("“" + app.Excerpt(a.Quote, 200) + "”")
	quote.Wrapping = fyne.TextWrapWord
	quote.TextStyle.Italic = true
	form := widget.NewForm(
		widget.NewFormItem("Passage", quote),
		widget.NewFormItem("Note", f.Note),
		widget.NewFormItem("Tags", f.Tags),
		widget.NewFormItem("Colour", f.Color),
	)
	save := widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), f.Submit)
	save.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{layout.NewSpacer(), widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.Hide)}
	if onRemove != nil {
		buttons = append([]fyne.CanvasObject{widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), f.Remove)}, buttons...)
	}
	buttons = append(buttons, save)
	f.dialog = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, container.NewHBox(buttons...), nil, nil, form), parent)
	f.dialog.Resize(fyne.NewSize(540, 400))
	return f
}

// Show opens the dialog.
func (f *Form) Show() { f.dialog.Show() }

// Hide closes it without saving.
func (f *Form) Hide() { f.dialog.Hide() }

// Submit closes the dialog and hands over what it holds, as Save does.
func (f *Form) Submit() {
	f.dialog.Hide()
	c := f.Color.Selected
	if c == fromTag {
		c = ""
	} else {
		c = app.Palette[c]
	}
	f.submit(Values{Note: f.Note.Text, Tags: app.SplitTags(f.Tags.Text), Color: c})
}

// CanRemove says whether the form has a Delete button.
func (f *Form) CanRemove() bool { return f.remove != nil }

// Remove closes the dialog and deletes, as Delete does.
func (f *Form) Remove() {
	if f.remove != nil {
		f.dialog.Hide()
		f.remove()
	}
}
