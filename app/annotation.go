package app

import (
	"os"
	"os/user"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app/anchor"
)

// AnnotationID identifies an annotation in one store. Exports use URI,
// which stays the same across stores.
type AnnotationID uint64

func (id AnnotationID) String() string { return strconv.FormatUint(uint64(id), 10) }

// ParseAnnotationID parses the decimal form printed by String.
func ParseAnnotationID(s string) (AnnotationID, error) {
	n, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || n == 0 {
		return 0, Errorf(EINVALID, "%q is not an annotation ID (see 'annotations')", s)
	}
	return AnnotationID(n), nil
}

// Annotation marks a passage of one revision of an article. Start and End
// count code points of the revision's stored body, end exclusive; Quote,
// Prefix and Suffix let the passage be found again in a later revision.
type Annotation struct {
	ID AnnotationID `json:"id"`
	// URI is the annotation's identity outside this store: urn:uuid:… for
	// annotations made here, the original id for imported ones. Importing
	// the same annotation twice updates it instead of adding a copy.
	URI      string    `json:"uri"`
	Article  ArticleID `json:"article"`
	Revision int       `json:"revision"`
	anchor.Selector
	// Status says how the passage was found in the article's latest
	// revision. An orphan keeps the revision and quote it was made on.
	Status   anchor.Status `json:"status"`
	Note     string        `json:"note,omitempty"` // Markdown
	Tags     []string      `json:"tags,omitempty"`
	Color    string        `json:"color"` // #rrggbb
	Analyst  string        `json:"analyst"`
	Created  time.Time     `json:"created"`
	Modified time.Time     `json:"modified"`
	// History lists where the passage was before each re-anchoring, oldest
	// first, so a moved or fuzzy annotation can be checked.
	History []Anchoring `json:"history,omitempty"`
}

// Limits on what one annotation holds: far above any real note, low
// enough that a pasted file or a hostile import cannot fill a
// transaction or a screen.
const (
	MaxNoteLength = 100_000 // characters
	MaxTags       = 100
	MaxURILength  = 4096 // bytes
	MaxAnalyst    = 200  // characters
)

// CheckFields refuses an annotation whose note, tags, URI or analyst is
// beyond the limits, saying which.
func (a Annotation) CheckFields() error {
	if n := utf8.RuneCountInString(a.Note); n > MaxNoteLength {
		return Errorf(EINVALID, "the note is too long (%d characters; at most %d)", n, MaxNoteLength)
	}
	if len(a.Tags) > MaxTags {
		return Errorf(EINVALID, "too many tags (%d; at most %d)", len(a.Tags), MaxTags)
	}
	if len(a.URI) > MaxURILength {
		return Errorf(EINVALID, "the id %q is too long (%d bytes; at most %d)", Excerpt(a.URI, 40), len(a.URI), MaxURILength)
	}
	if n := utf8.RuneCountInString(a.Analyst); n > MaxAnalyst {
		return Errorf(EINVALID, "the analyst's name is too long (%d characters; at most %d)", n, MaxAnalyst)
	}
	return nil
}

// In returns the annotation as placed in revision n of its article: as
// it is, when it is anchored there (an orphan keeps the revision it was
// made on), or where its history says it was in revision n.
func (a Annotation) In(n int) (Annotation, bool) {
	if a.Revision == n {
		return a, true
	}
	for _, h := range a.History {
		if h.Revision == n {
			a.Revision, a.Start, a.End, a.Quote = n, h.Start, h.End, h.Quote
			return a, true
		}
	}
	return a, false
}

// Anchoring is a past position of an annotation.
type Anchoring struct {
	Revision int           `json:"revision"`
	Start    int           `json:"start"`
	End      int           `json:"end"`
	Quote    string        `json:"quote"`
	Status   anchor.Status `json:"status"`
}

// AnnotationFilter selects annotations; zero fields match everything.
type AnnotationFilter struct {
	Article  ArticleID
	Tag      string // this tag or any tag below it
	Analyst  string
	Orphaned bool // only orphans
}

// Match reports whether a passes the filter.
func (f AnnotationFilter) Match(a Annotation) bool {
	switch {
	case f.Article != 0 && a.Article != f.Article,
		f.Analyst != "" && !strings.EqualFold(a.Analyst, f.Analyst),
		f.Orphaned && a.Status != anchor.Orphaned,
		f.Tag != "" && !slices.ContainsFunc(a.Tags, func(t string) bool { return TagWithin(t, f.Tag) }):
		return false
	}
	return true
}

// AnnotationStore keeps annotations. Every write is durable when the call
// returns and atomic with the index entries that point at the annotation.
type AnnotationStore interface {
	// SaveAnnotation creates (ID 0) or replaces an annotation and returns
	// it as stored. A new annotation whose URI is already stored replaces
	// that one.
	SaveAnnotation(a Annotation) (Annotation, error)
	// SaveAnnotations saves many at once, synced once; an error may
	// leave the first of a very large batch saved.
	SaveAnnotations(as []Annotation) ([]Annotation, error)
	FindAnnotation(id AnnotationID) (Annotation, error)
	FindAnnotationByURI(uri string) (Annotation, error)
	DeleteAnnotation(id AnnotationID) (Annotation, error)
	// ForEachAnnotation calls fn for every annotation passing f, by
	// article and then position.
	ForEachAnnotation(f AnnotationFilter, fn func(Annotation) error) error
}

// Store is everything the services need.
type Store interface {
	ArticleStore
	AnnotationStore
	TagStore
	MemoStore
}

// Palette names the colours offered for highlights; any #rrggbb is taken.
var Palette = map[string]string{
	"yellow": "#ffd54f",
	"green":  "#81c784",
	"blue":   "#64b5f6",
	"pink":   "#f48fb1",
	"orange": "#ffb74d",
	"purple": "#ba68c8",
	"red":    "#e57373",
	"grey":   "#bdbdbd",
}

// PaletteNames are the palette's names in order.
func PaletteNames() []string {
	names := make([]string, 0, len(Palette))
	for n := range Palette {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// DefaultColor is the highlight colour when none is given.
const DefaultColor = "#ffd54f"

var hexColor = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// ParseColor accepts a palette name, #rgb or #rrggbb and returns #rrggbb.
func ParseColor(s string) (string, error) {
	s = strings.TrimSpace(s)
	if c, ok := Palette[strings.ToLower(s)]; ok {
		return c, nil
	}
	if !hexColor.MatchString(s) {
		return "", Errorf(EINVALID, "colour %q: use #rrggbb or one of %s", s, strings.Join(PaletteNames(), ", "))
	}
	s = strings.ToLower(s)
	if len(s) == 4 {
		s = "#" + string([]byte{s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	return s, nil
}

// DefaultAnalyst is the name recorded on new annotations: $PARALLAX_ANALYST,
// else the operating system user's full name or login.
func DefaultAnalyst() string {
	if n := strings.TrimSpace(os.Getenv("PARALLAX_ANALYST")); n != "" {
		return n
	}
	if u, err := user.Current(); err == nil {
		if n := strings.TrimSpace(strings.Split(u.Name, ",")[0]); n != "" {
			return n
		}
		if u.Username != "" {
			return u.Username
		}
	}
	if n := os.Getenv("USER"); n != "" {
		return n
	}
	return "analyst"
}

// FindQuote returns the code point span of the nth (1-based) occurrence of
// quote in text. White space in the quote matches any white space, so a
// quote copied across a paragraph break still matches. With nth 0 the
// quote must occur exactly once.
func FindQuote(text *anchor.Text, quote string, nth int) (start, end int, err error) {
	words := strings.Fields(quote)
	if len(words) == 0 {
		return 0, 0, Errorf(EINVALID, "empty quote")
	}
	for i, w := range words {
		words[i] = regexp.QuoteMeta(NormalizeParagraph(w))
	}
	re := regexp.MustCompile(strings.Join(words, `\s+`))
	spans := re.FindAllStringIndex(text.String(), -1)
	switch {
	case len(spans) == 0:
		return 0, 0, Errorf(ENOTFOUND, "quote %q is not in the text", Excerpt(quote, 60))
	case nth == 0 && len(spans) > 1:
		return 0, 0, Errorf(EINVALID, "quote %q occurs %d times: choose one with --nth 1..%d", Excerpt(quote, 60), len(spans), len(spans))
	case nth == 0:
		nth = 1
	case nth > len(spans):
		return 0, 0, Errorf(ENOTFOUND, "quote %q occurs %d times, not %d", Excerpt(quote, 60), len(spans), nth)
	}
	sp := spans[nth-1]
	return text.CodePoint(sp[0]), text.CodePoint(sp[1]), nil
}

// Excerpt returns s on one line, cut to at most n code points with an
// ellipsis: for quotes in messages, names and listings.
func Excerpt(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// Span says which passage to annotate: a quote (the nth occurrence, 0 for
// the only one) or code point offsets.
type Span struct {
	Quote      string
	Nth        int
	Start, End int
}

func (sp Span) locate(text *anchor.Text) (anchor.Selector, error) {
	start, end := sp.Start, sp.End
	if sp.Quote != "" {
		var err error
		if start, end, err = FindQuote(text, sp.Quote, sp.Nth); err != nil {
			return anchor.Selector{}, err
		}
	}
	sel, ok := text.Describe(start, end)
	if !ok {
		return sel, Errorf(EINVALID, "span %d–%d is not inside the text (0–%d, start before end)", start, end, text.Len())
	}
	return sel, nil
}
