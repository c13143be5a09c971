package app

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MemoID identifies a memo in one store; exports use its URI.
type MemoID uint64

func (id MemoID) String() string { return strconv.FormatUint(uint64(id), 10) }

// ParseMemoID parses the decimal form printed by String.
func ParseMemoID(s string) (MemoID, error) {
	n, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || n == 0 {
		return 0, Errorf(EINVALID, "%q is not a memo ID (see 'memos')", s)
	}
	return MemoID(n), nil
}

// MemoKind says what a memo is about. A memo on a passage is the
// annotation's note, so it has no kind of its own.
type MemoKind string

const (
	ProjectMemo MemoKind = "project" // the collection as a whole: research question, method, log
	ArticleMemo MemoKind = "article" // one article: why it matters, doubts about its source
	TagMemo     MemoKind = "tag"     // one code: what it means, its decision rules
)

// ParseMemoKind accepts the three kinds by name.
func ParseMemoKind(s string) (MemoKind, error) {
	switch k := MemoKind(strings.ToLower(strings.TrimSpace(s))); k {
	case ProjectMemo, ArticleMemo, TagMemo:
		return k, nil
	}
	return "", Errorf(EINVALID, "%q is not a memo target (project, article or tag)", s)
}

// Memo is an analyst's Markdown text about the project, an article or a
// tag. Memos are analysis, not metadata: several analysts may each keep
// their own on the same target.
type Memo struct {
	ID MemoID `json:"id"`
	// URI is the memo's identity outside this store (urn:uuid:… when made
	// here); importing the same memo again updates it.
	URI      string    `json:"uri"`
	Kind     MemoKind  `json:"kind"`
	Article  ArticleID `json:"article,omitempty"` // for an article memo
	Tag      string    `json:"tag,omitempty"`     // for a tag memo
	Text     string    `json:"text"`              // Markdown
	Analyst  string    `json:"analyst"`
	Created  time.Time `json:"created"`
	Modified time.Time `json:"modified"`
}

// Title is the memo's first line as plain text (no heading, quote or
// list marks, no emphasis or code marks), short enough for a list row.
func (m Memo) Title() string {
	for line := range strings.Lines(m.Text) {
		t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#>"))
		for _, bullet := range []string{"- ", "* ", "+ "} {
			t = strings.TrimPrefix(t, bullet)
		}
		if t = strings.Join(strings.Fields(dropInlineMarks(t)), " "); t != "" {
			return Excerpt(t, 80)
		}
	}
	return "(empty memo)"
}

// dropInlineMarks removes the * and ` of emphasis and code spans and the
// __ of strong emphasis; a * between spaces ("2 * 3") is arithmetic and
// stays, as does the _ inside snake_case.
func dropInlineMarks(s string) string {
	s = strings.ReplaceAll(s, "__", "")
	r := []rune(s)
	out := r[:0:0]
	for i, c := range r {
		if c == '*' || c == '`' {
			spaced := (i == 0 || r[i-1] == ' ') && (i == len(r)-1 || r[i+1] == ' ')
			if !spaced {
				continue
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// Target names what the memo is about, for lists and reports.
func (m Memo) Target() string {
	switch m.Kind {
	case ArticleMemo:
		return "article " + m.Article.String()
	case TagMemo:
		return "tag " + m.Tag
	}
	return "project"
}

// CheckFields refuses a memo without a proper target, or whose text, URI
// or analyst is beyond the limits an annotation has.
func (m Memo) CheckFields() error {
	switch m.Kind {
	case ProjectMemo:
		if m.Article != 0 || m.Tag != "" {
			return Errorf(EINVALID, "a project memo names no article or tag")
		}
	case ArticleMemo:
		if m.Article == 0 || m.Tag != "" {
			return Errorf(EINVALID, "an article memo names its article and no tag")
		}
	case TagMemo:
		if m.Article != 0 || m.Tag == "" {
			return Errorf(EINVALID, "a tag memo names its tag and no article")
		}
	default:
		return Errorf(EINVALID, "%q is not a memo target (project, article or tag)", m.Kind)
	}
	if strings.TrimSpace(m.Text) == "" {
		return Errorf(EINVALID, "the memo is empty")
	}
	if n := utf8.RuneCountInString(m.Text); n > MaxNoteLength {
		return Errorf(EINVALID, "the memo is too long (%d characters; at most %d)", n, MaxNoteLength)
	}
	if len(m.URI) > MaxURILength {
		return Errorf(EINVALID, "the id %q is too long (%d bytes; at most %d)", Excerpt(m.URI, 40), len(m.URI), MaxURILength)
	}
	if n := utf8.RuneCountInString(m.Analyst); n > MaxAnalyst {
		return Errorf(EINVALID, "the analyst's name is too long (%d characters; at most %d)", n, MaxAnalyst)
	}
	return nil
}

// MemoFilter selects memos; zero fields match everything.
type MemoFilter struct {
	Kind    MemoKind
	Article ArticleID
	Tag     string // memos on this tag or one below it
	Analyst string
}

// Match reports whether m passes the filter.
func (f MemoFilter) Match(m Memo) bool {
	switch {
	case f.Kind != "" && m.Kind != f.Kind,
		f.Article != 0 && m.Article != f.Article,
		f.Tag != "" && (m.Kind != TagMemo || !TagWithin(m.Tag, f.Tag)),
		f.Analyst != "" && !strings.EqualFold(m.Analyst, f.Analyst):
		return false
	}
	return true
}

// MemoStore keeps memos. Every write is durable when the call returns.
// An article's memos go with it; a tag's move with its renames and merges
// and go with its deletion.
type MemoStore interface {
	// SaveMemo creates (ID 0) or replaces a memo and returns it as
	// stored; a new memo whose URI is stored already replaces that one.
	// It refuses a memo on an article or tag that does not exist.
	SaveMemo(m Memo) (Memo, error)
	FindMemo(id MemoID) (Memo, error)
	FindMemoByURI(uri string) (Memo, error)
	DeleteMemo(id MemoID) (Memo, error)
	// ForEachMemo calls fn for every memo passing f: project memos, then
	// tag memos by path, then article memos by article, each oldest first.
	ForEachMemo(f MemoFilter, fn func(Memo) error) error
}

// Memos writes memos as one analyst.
type Memos struct {
	Store   MemoStore
	Analyst string           // default: DefaultAnalyst()
	Now     func() time.Time // default: time.Now
}

func (ms *Memos) now() time.Time {
	if ms.Now != nil {
		return ms.Now().UTC().Truncate(time.Millisecond)
	}
	return time.Now().UTC().Truncate(time.Millisecond)
}

// Write stores a new memo on the project (no article, no tag), an
// article or a tag.
func (ms *Memos) Write(kind MemoKind, article ArticleID, tag, text string) (Memo, error) {
	if tag != "" {
		t, err := NormalizeTag(tag)
		if err != nil {
			return Memo{}, err
		}
		tag = t
	}
	analyst := ms.Analyst
	if analyst == "" {
		analyst = DefaultAnalyst()
	}
	now := ms.now()
	return ms.Store.SaveMemo(Memo{Kind: kind, Article: article, Tag: tag, Text: strings.TrimSpace(text),
		Analyst: analyst, Created: now, Modified: now})
}

// Edit replaces a memo's text; an unchanged text is not a modification.
func (ms *Memos) Edit(id MemoID, text string) (Memo, error) {
	m, err := ms.Store.FindMemo(id)
	if err != nil {
		return m, err
	}
	text = strings.TrimSpace(text)
	if text == m.Text {
		return m, nil
	}
	m.Text, m.Modified = text, ms.now()
	return ms.Store.SaveMemo(m)
}
