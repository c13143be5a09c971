package ui

import (
	"fmt"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/ui/memowin"
)

// newMemoButton is the article panel's way to its memos: it counts them
// and opens the Memos window on them.
func (u *UI) newMemoButton() *widget.Button {
	return widget.NewButtonWithIcon("", theme.DocumentIcon(), func() { u.showMemos(memowin.ShowArticle) })
}

// showMemoCount reads how many memos the article shown has, off the UI
// goroutine, and puts the number on the panel's memo button.
func (u *UI) showMemoCount() {
	id := u.art.current.ID
	if id == 0 || u.art.memos == nil {
		return
	}
	u.background(func() {
		n := 0
		err := u.p.Store.ForEachMemo(app.MemoFilter{Article: id}, func(app.Memo) error { n++; return nil })
		u.jobs.Post(func() {
			if err != nil || u.art.current.ID != id {
				return
			}
			u.art.memoCount = n
			if n == 0 {
				u.art.memos.SetText("")
			} else {
				u.art.memos.SetText(fmt.Sprint(n))
			}
		})
	})
}

// showMemos opens the Memos window (or brings the open one forward)
// showing what show names: memowin.ShowAll, ShowArticle, ….
func (u *UI) showMemos(show string) *memowin.Window {
	if u.memoWin != nil {
		u.memoWin.SetArticle(u.art.current.ID, u.art.current.Title, u.knownTags)
		u.memoWin.Show.SetSelected(show)
		u.memoWin.RequestFocus()
		return u.memoWin
	}
	var changes memowin.Changes // none: the window only reads
	if u.p.Memos != nil {
		changes = memowin.Changes{Write: u.writeMemo, Edit: u.editMemo, Delete: u.deleteMemo}
	}
	w := memowin.Open(u.p.App, u.p.Store, u.jobs, changes, show, u.art.current.ID, u.art.current.Title, u.knownTags)
	w.OnOpen = func(id app.ArticleID) {
		u.lib.list.UnselectAll() // the library's row is not what the reader shows now
		u.open(id, 0, nil)
		u.win.RequestFocus()
	}
	w.OnClosed(func() { u.memoWin = nil })
	u.memoWin = w
	return w
}

// memosChanged shows a memo change wherever memos are shown.
func (u *UI) memosChanged() {
	u.showMemoCount()
	if u.memoWin != nil {
		u.memoWin.Reload()
	}
}

// memoService writes as the analyst named in Preferences.
func (u *UI) memoService() *app.Memos {
	return &app.Memos{Store: u.p.Memos, Analyst: u.analyst()}
}

// writeMemo stores a new memo; Ctrl+Z deletes it, Ctrl+Shift+Z puts the
// same memo (same ID and URI) back.
func (u *UI) writeMemo(kind app.MemoKind, article app.ArticleID, tag, text string, done func(app.Memo, error)) {
	ms := u.memoService()
	var saved app.Memo
	u.recordOr(func() (func() error, error) {
		var err error
		if saved.ID == 0 {
			saved, err = ms.Write(kind, article, tag, text)
		} else {
			saved, err = ms.Store.SaveMemo(saved)
		}
		return func() error { _, err := ms.Store.DeleteMemo(saved.ID); return err }, err
	}, func() {
		u.status.SetText(fmt.Sprintf("Memo saved on %s", saved.Target()))
		u.memosChanged()
		done(saved, nil)
	}, func(err error) { done(app.Memo{}, err) })
}

// editMemo changes a memo's text; Ctrl+Z restores the text it had.
func (u *UI) editMemo(id app.MemoID, text string, done func(app.Memo, error)) {
	ms := u.memoService()
	var saved app.Memo
	u.recordOr(func() (func() error, error) {
		before, err := ms.Store.FindMemo(id)
		if err != nil {
			return nil, err
		}
		if saved, err = ms.Edit(id, text); err != nil {
			return nil, err
		}
		return func() error { _, err := ms.Store.SaveMemo(before); return err }, nil
	}, func() {
		u.status.SetText(fmt.Sprintf("Memo on %s edited", saved.Target()))
		u.memosChanged()
		done(saved, nil)
	}, func(err error) { done(app.Memo{}, err) })
}

// deleteMemo deletes a memo; Ctrl+Z brings it back as it was.
func (u *UI) deleteMemo(m app.Memo, done func(error)) {
	u.recordOr(func() (func() error, error) {
		gone, err := u.p.Memos.DeleteMemo(m.ID)
		return func() error { _, err := u.p.Memos.SaveMemo(gone); return err }, err
	}, func() {
		u.status.SetText(fmt.Sprintf("Memo “%s” deleted (Ctrl+Z brings it back)", m.Title()))
		u.memosChanged()
		done(nil)
	}, done)
}
