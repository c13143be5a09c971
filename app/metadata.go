package app

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// MetaEdit is an analyst's correction of an article's metadata; nil
// fields stay as they are. It changes the latest revision's metadata,
// never its text.
type MetaEdit struct {
	Title, Outlet, Byline, URL, Language *string
	// Published sets the publication date; the zero time clears it.
	Published *time.Time
}

// ImportedMeta is what an edited revision said when it was imported,
// kept so a correction never hides the source's own words and the text
// can still be checked against the hash it was stored under.
type ImportedMeta struct {
	Title     string    `json:"title"`
	Outlet    string    `json:"outlet,omitempty"`
	URL       string    `json:"url,omitempty"`
	Byline    string    `json:"byline,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Language  string    `json:"language,omitempty"`
}

// Limits on edited fields, in characters.
const (
	MaxTitleLength  = 1000
	MaxOutletLength = 200
	MaxBylineLength = 500
)

// editable is the fields of m an analyst can correct.
func editable(m Meta) ImportedMeta {
	return ImportedMeta{Title: m.Title, Outlet: m.Outlet, URL: m.URL, Byline: m.Byline, Published: m.Published, Language: m.Language}
}

// same reports whether two sets of editable fields say the same.
func (a ImportedMeta) same(b ImportedMeta) bool {
	return a.Title == b.Title && a.Outlet == b.Outlet && a.URL == b.URL && a.Byline == b.Byline &&
		a.Language == b.Language && a.Published.Equal(b.Published)
}

// AsImported returns the metadata as the revision was imported.
func (m Meta) AsImported() Meta {
	if m.Was == nil {
		return m
	}
	o := m
	o.Title, o.Outlet, o.URL, o.Byline, o.Published, o.Language = m.Was.Title, m.Was.Outlet, m.Was.URL, m.Was.Byline, m.Was.Published, m.Was.Language
	o.Was = nil
	return o
}

// Apply returns m with the edit made, every field normalised as an
// import would, and the imported values kept in Was on the first change;
// changed is false when the edit changes nothing.
func (e MetaEdit) Apply(m Meta) (out Meta, changed bool, err error) {
	out = m
	text := func(field string, v *string, to *string, limit int) error {
		if v == nil {
			return nil
		}
		s := NormalizeParagraph(*v)
		if n := utf8.RuneCountInString(s); limit > 0 && n > limit {
			return Errorf(EINVALID, "the %s is too long (%d characters; at most %d)", field, n, limit)
		}
		*to = s
		return nil
	}
	if err := text("title", e.Title, &out.Title, MaxTitleLength); err != nil {
		return m, false, err
	}
	if out.Title == "" {
		return m, false, Errorf(EINVALID, "an article needs a title")
	}
	if err := text("outlet", e.Outlet, &out.Outlet, MaxOutletLength); err != nil {
		return m, false, err
	}
	if err := text("byline", e.Byline, &out.Byline, MaxBylineLength); err != nil {
		return m, false, err
	}
	if e.URL != nil {
		u, err := CheckURL(*e.URL)
		if err != nil {
			return m, false, err
		}
		out.URL = u
	}
	if e.Language != nil {
		l, err := CheckLanguage(*e.Language)
		if err != nil {
			return m, false, err
		}
		out.Language = l
	}
	if e.Published != nil {
		out.Published = e.Published.UTC()
	}
	changed = !editable(out).same(editable(m))
	if changed && out.Was == nil {
		was := editable(m)
		out.Was = &was
	}
	if out.Was != nil && editable(out).same(*out.Was) {
		out.Was = nil // edited back to what was imported
	}
	return out, changed, nil
}

// MetaEditor makes analysts' corrections of articles' metadata.
type MetaEditor struct{ Store ArticleStore }

// Edited is one article's result of an edit.
type Edited struct {
	Article Article
	Err     error
}

// Edit makes the same correction on each article, in one write; the
// search index sees it at once. An article that cannot take it fails
// alone.
func (ed MetaEditor) Edit(ids []ArticleID, e MetaEdit) ([]Edited, error) {
	return ed.Store.UpdateMeta(ids, func(m Meta) (Meta, error) {
		out, _, err := e.Apply(m)
		return out, err
	})
}

// Revert puts back the metadata the articles had before an edit (undo).
// An article that has had a new revision since keeps it as it is.
func (ed MetaEditor) Revert(before []Article) ([]Edited, error) {
	byHash := make(map[string]Meta, len(before))
	ids := make([]ArticleID, len(before))
	for i, a := range before {
		byHash[a.Hash], ids[i] = a.Meta, a.ID
	}
	return ed.Store.UpdateMeta(ids, func(m Meta) (Meta, error) {
		old, ok := byHash[m.Hash]
		if !ok {
			return m, nil
		}
		return old, nil
	})
}

// EditOne corrects one article's metadata.
func (ed MetaEditor) EditOne(id ArticleID, e MetaEdit) (Article, error) {
	res, err := ed.Edit([]ArticleID{id}, e)
	if err != nil {
		return Article{}, err
	}
	return res[0].Article, res[0].Err
}

// ParseDate reads a publication date as an analyst types it:
// 2026-03-14, 2026-03-14 18:45 (in loc), or RFC 3339; blank is no date
// (the zero time).
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	for _, layout := range []string{time.DateOnly, "2006-01-02 15:04", "2006-01-02T15:04"} {
		at := loc
		if layout == time.DateOnly {
			at = time.UTC // a date alone is the day, wherever the analyst is
		}
		if t, err := time.ParseInLocation(layout, s, at); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, Errorf(EINVALID, "%q is not a date: write 2026-03-14, 2026-03-14 18:45 or RFC 3339", Excerpt(s, 40))
}

// CheckURL accepts an absolute http(s) address, or nothing.
func CheckURL(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", Errorf(EINVALID, "%q is not a web address (http:// or https://)", Excerpt(s, 80))
	}
	if len(s) > MaxURILength {
		return "", Errorf(EINVALID, "the URL is too long (%d bytes; at most %d)", len(s), MaxURILength)
	}
	return s, nil
}

// CheckLanguage accepts a BCP 47 tag ("en", "uk", "pt-BR"), or nothing.
func CheckLanguage(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", nil
	}
	t, err := language.Parse(s)
	if err != nil {
		return "", Errorf(EINVALID, "%q is not a language tag (write en, uk, ru, pt-BR…)", Excerpt(s, 40))
	}
	return t.String(), nil
}

// carryEdits keeps an analyst's corrections on a new revision: a field
// the analyst changed on the previous revision keeps the correction when
// the new text's source still says what it said then. The new revision
// remembers its own imported values, as an edit would.
func carryEdits(prev Meta, next Meta) Meta {
	if prev.Was == nil || next.Was != nil { // a restored revision says what it was
		return next
	}
	was := editable(next)
	keep := func(cur, orig string, to *string) {
		if cur != orig && *to == orig {
			*to = cur
		}
	}
	keep(prev.Title, prev.Was.Title, &next.Title)
	keep(prev.Outlet, prev.Was.Outlet, &next.Outlet)
	keep(prev.URL, prev.Was.URL, &next.URL)
	keep(prev.Byline, prev.Was.Byline, &next.Byline)
	keep(prev.Language, prev.Was.Language, &next.Language)
	if !prev.Published.Equal(prev.Was.Published) && next.Published.Equal(prev.Was.Published) {
		next.Published = prev.Published
	}
	if !editable(next).same(was) {
		next.Was = &was
	}
	return next
}
