package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/ui/reader"
	"github.com/parallax-news/parallax/ui/tagentry"
)

// newArticleView builds the article's pane (title, metadata, revision
// picker, find bar, reader) and the panel beside it (tags box,
// annotations).
func (u *UI) newArticleView() (centre, right fyne.CanvasObject) {
	u.art.title = widget.NewLabel("")
	u.art.title.Wrapping = fyne.TextWrapWord
	u.art.title.TextStyle.Bold = true
	u.art.title.SizeName = theme.SizeNameSubHeadingText
	u.art.meta = widget.NewLabel("Select an article on the left.")
	u.art.meta.Wrapping = fyne.TextWrapWord
	u.art.revisions = widget.NewSelect(nil, func(choice string) {
		if n := slices.Index(u.art.revisions.Options, choice) + 1; n > 0 && n != u.art.revision.Number && !u.art.settingRevision {
			u.open(u.art.current.ID, n, nil)
		}
	})
	u.art.revisions.Hide()
	u.art.reader = reader.New()
	u.art.reader.OnSelected(u.selected)
	u.art.reader.OnCleared(u.unselected)
	u.art.reader.OnScrolled(u.worked)
	u.art.reader.OnHighlightTapped(func(h reader.Highlight) { u.promptEdit(app.AnnotationID(h.ID)) })
	u.art.notes = u.newAnnotationsPanel()
	u.art.layers = u.newLayers()
	u.art.memos = u.newMemoButton()

	u.art.findBar = u.newFindBar()
	u.art.selBar = u.newSelectionBar()
	centre = container.NewBorder(container.NewVBox(u.art.title, container.NewBorder(nil, nil, nil, u.art.revisions, u.art.meta), widget.NewSeparator(), u.art.findBar.box),
		u.art.selBar.box, nil, nil, u.art.reader)
	u.art.tags = tagentry.New(nil)
	u.art.tags.SetPlaceHolder("tag, tag…")
	u.art.tags.OnSubmitted = func(string) { u.saveArticleTags() }
	saveTags := widget.NewButtonWithIcon("", theme.ConfirmIcon(), u.saveArticleTags)
	right = container.NewBorder(container.NewVBox(
		widget.NewLabelWithStyle("Article tags", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, saveTags, u.art.tags),
		// Icon only: the panel is narrow at 640x480 (Tags > Coded passages names it).
		container.NewBorder(nil, nil, nil, container.NewHBox(u.art.layers.button, u.art.memos, widget.NewButtonWithIcon("", theme.ListIcon(), u.articlePassages)),
			widget.NewLabelWithStyle("Annotations", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
	), nil, nil, nil, u.art.notes)
	return centre, right
}

// open shows revision n (0: the latest) of an article with its
// annotations, marking search matches. The store is read on a goroutine:
// a long article must not stall the list.
func (u *UI) open(id app.ArticleID, n int, marks [][2]int) {
	u.art.current.ID = id
	u.background(func() {
		a, err := u.p.Store.FindArticleByID(id)
		var r app.Revision
		if err == nil {
			r, err = u.p.Store.FindRevision(id, n)
		}
		var annos, orphans []app.Annotation
		if err == nil {
			annos, orphans, _, err = u.readAnnotations(id, r.Number)
		}
		var tags []app.TagInfo
		if err == nil {
			tags = u.readTags()
		}
		u.jobs.Post(func() {
			if u.art.current.ID != id {
				return // the user has moved on
			}
			if err != nil {
				u.showError(err)
				return
			}
			u.art.current, u.art.revision = a, r
			if tags != nil {
				u.setTags(tags)
			}
			u.art.tags.SetText(strings.Join(a.Tags, ", "))
			u.art.title.SetText(r.Title)
			u.art.meta.SetText(metaLine(a, r))
			u.showRevisionPicker(a.Revisions, r.Number)
			u.art.reader.SetText(r.Body)
			u.unselected()
			u.setAnnotations(annos, orphans)
			u.showMemoCount()
			if u.memoWin != nil {
				u.memoWin.SetArticle(a.ID, r.Title, u.knownTags)
			}
			if u.art.findBar.box.Visible() {
				u.findInArticle(u.art.findBar.entry.Text)
			}
			u.art.markedBy = ""
			if len(marks) > 0 {
				u.art.reader.SetMarks(marks)
				u.art.reader.ScrollTo(marks[0][0])
				u.art.markedBy = u.lib.ran
			}
			u.loaded()
			u.worked()
		})
	})
}

func (u *UI) showRevisionPicker(revisions, shown int) {
	if revisions < 2 {
		u.art.revisions.Hide()
		return
	}
	opts := make([]string, revisions)
	for i := range opts {
		opts[i] = fmt.Sprintf("Revision %d", i+1)
	}
	u.art.settingRevision = true
	u.art.revisions.SetOptions(opts)
	u.art.revisions.SetSelected(opts[shown-1])
	u.art.settingRevision = false
	u.art.revisions.Show()
}

// publishedText shows a publication time in local time, or a date that
// came without a time (midnight UTC, as dates alone are stored) as that
// date: "14 March 2026", not "14 March 2026 00:00" or, west of UTC, the
// day before.
func publishedText(t time.Time, local *time.Location) string {
	if u := t.UTC(); u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 && u.Nanosecond() == 0 {
		return u.Format("2 January 2006")
	}
	return t.In(local).Format("2 January 2006 15:04")
}

func metaLine(a app.Article, r app.Revision) string {
	var parts []string
	for _, s := range []string{r.Outlet, r.Byline, r.Dateline} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if !r.Published.IsZero() {
		parts = append(parts, publishedText(r.Published, time.Local))
	}
	parts = append(parts, fmt.Sprintf("%d words", r.Words))
	if a.Revisions > 1 {
		parts = append(parts, fmt.Sprintf("revision %d of %d", r.Number, a.Revisions))
	}
	line := strings.Join(parts, " · ")
	if r.URL != "" {
		line += "\n" + r.URL
	}
	return line
}
