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
	"github.com/parallax-news/parallax/ui/escentry"
)

// metaForm is the Edit metadata dialog's fields (kept for tests).
type metaForm struct {
	title, byline, published, url, language *escentry.Entry
	outlet                                  *escentry.Select
	dialog                                  *dialog.FormDialog
}

// promptEditMeta opens the shown article's metadata to correct it: the
// latest revision's, whichever revision is shown. Fields that cannot be
// read (a date, a URL, a language) keep Save disabled and say why.
func (u *UI) promptEditMeta() {
	a := u.art.current
	if a.ID == 0 || u.p.Metadata == nil {
		return
	}
	f := &metaForm{title: escentry.New(u.escape), outlet: escentry.NewSelect(u.outletNames, u.escape), byline: escentry.New(u.escape),
		published: escentry.New(u.escape), url: escentry.New(u.escape), language: escentry.New(u.escape)}
	f.title.SetText(a.Title)
	f.title.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("an article needs a title")
		}
		return nil
	}
	f.title.Wrapping = fyne.TextWrapWord
	f.outlet.SetText(a.Outlet)
	f.byline.SetText(a.Byline)
	if !a.Published.IsZero() {
		f.published.SetText(dateInput(a.Published))
	}
	f.published.SetPlaceHolder("2026-03-14 or 2026-03-14 18:45")
	f.published.Validator = func(s string) error { _, err := app.ParseDate(s, time.Local); return err }
	f.url.SetText(a.URL)
	f.url.SetPlaceHolder("https://…")
	f.url.Validator = func(s string) error { _, err := app.CheckURL(s); return err }
	f.language.SetText(a.Language)
	f.language.SetPlaceHolder("en, uk, ru…")
	f.language.Validator = func(s string) error { _, err := app.CheckLanguage(s); return err }
	items := []*widget.FormItem{
		widget.NewFormItem("Title", f.title), widget.NewFormItem("Outlet", f.outlet), widget.NewFormItem("Byline", f.byline),
		widget.NewFormItem("Published", f.published), widget.NewFormItem("URL", f.url), widget.NewFormItem("Language", f.language),
	}
	if a.Was != nil {
		was := widget.NewLabel("As imported: " + joinParts(a.Was.Title, a.Was.Outlet, a.Was.URL))
		was.Wrapping = fyne.TextWrapWord
		items = append(items, widget.NewFormItem("", was))
	}
	f.dialog = dialog.NewForm("Edit metadata", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		published, _ := app.ParseDate(f.published.Text, time.Local) // the validator passed it
		title, outlet, byline, url, lang := f.title.Text, f.outlet.Text, f.byline.Text, f.url.Text, f.language.Text
		u.editMeta([]app.ArticleID{a.ID}, app.MetaEdit{Title: &title, Outlet: &outlet, Byline: &byline, URL: &url, Language: &lang, Published: &published})
	}, u.win)
	f.dialog.Resize(fyne.NewSize(620, 0))
	u.metaForm = f
	u.showDialog(f.dialog)
}

// dateInput writes a date as promptEditMeta reads it back: a day alone
// when it has no time of day.
func dateInput(t time.Time) string {
	if t.UTC().Hour() == 0 && t.UTC().Minute() == 0 && t.UTC().Second() == 0 {
		return t.UTC().Format(time.DateOnly)
	}
	return t.Local().Format("2006-01-02 15:04")
}

// promptListedOutlet sets the outlet of every article the library lists
// (a folder imported without one, a search's hits) in one write.
func (u *UI) promptListedOutlet() {
	var ids []app.ArticleID
	for _, r := range u.lib.rows {
		if r.id != 0 && r.query() == "" {
			ids = append(ids, r.id)
		}
	}
	if len(ids) == 0 || u.p.Metadata == nil {
		u.inform("Set outlet", "The library lists no articles.")
		return
	}
	outlet := escentry.NewSelect(u.outletNames, u.escape)
	outlet.SetPlaceHolder("outlet")
	u.listedOutlet = outlet
	u.showDialog(dialog.NewForm(fmt.Sprintf("Set the outlet of the %d articles listed", len(ids)), "Set", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Outlet", outlet)}, func(ok bool) {
			if ok {
				name := outlet.Text
				u.editMeta(ids, app.MetaEdit{Outlet: &name})
			}
		}, u.win))
}

// editMeta makes an edit off the UI goroutine, remembers how to undo and
// redo it, lists the collection again and says what happened.
func (u *UI) editMeta(ids []app.ArticleID, e app.MetaEdit) {
	ed := u.p.Metadata
	var failed []string
	var edited int
	do := func() (func() error, error) {
		var before []app.Article
		for _, id := range ids {
			if a, err := u.p.Store.FindArticleByID(id); err == nil {
				before = append(before, a)
			}
		}
		res, err := ed.Edit(ids, e)
		if err != nil {
			return nil, err
		}
		failed, edited = nil, 0
		for _, r := range res {
			if r.Err != nil {
				failed = append(failed, r.Err.Error())
			} else {
				edited++
			}
		}
		u.load(context.Background(), true)
		return func() error {
			if _, err := ed.Revert(before); err != nil {
				return err
			}
			u.load(context.Background(), true)
			return nil
		}, nil
	}
	u.record(do, func() {
		u.applyQuery()
		msg := fmt.Sprintf("Edited %d of %d articles.", edited, len(ids))
		u.status.SetText(msg)
		if len(failed) > 0 {
			u.inform("Some articles were not changed", msg+"\n\n"+strings.Join(failed[:min(len(failed), 10)], "\n"))
		}
	})
}

// promptDeleteArticle deletes the article shown, after asking; Ctrl+Z
// brings it back with its revisions, tags and annotations.
func (u *UI) promptDeleteArticle() {
	a := u.art.current
	if a.ID == 0 || u.an == nil {
		return
	}
	n := len(u.art.annotations) + len(u.art.orphans)
	memos := ""
	if u.art.memoCount > 0 {
		memos = fmt.Sprintf(" and %d memos", u.art.memoCount)
	}
	u.confirm("Delete article", fmt.Sprintf("Delete “%s” with its %d revisions, %d annotations%s? Ctrl+Z brings it back.", app.Excerpt(a.Title, 80), a.Revisions, n, memos), func(ok bool) {
		if !ok {
			return
		}
		rm := app.Remover{Store: u.an.Store}
		cur := a.ID // the article's ID now: a restore gives it a new one
		do := func() (func() error, error) {
			removed, err := rm.Delete(cur)
			if err != nil {
				return nil, err
			}
			u.load(context.Background(), false)
			return func() error {
				id, err := rm.Restore(removed)
				if err != nil {
					return err
				}
				cur = id
				u.load(context.Background(), false)
				u.jobs.Post(func() { u.selectArticle(id) })
				return nil
			}, nil
		}
		u.record(do, func() {
			u.status.SetText(fmt.Sprintf("Deleted “%s” (Ctrl+Z brings it back)", app.Excerpt(a.Title, 60)))
		})
	})
}
