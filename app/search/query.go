package search

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app"
)

// Field restricts a word or phrase to part of the collection.
type Field int

const (
	AnyField   Field = iota // title and body of articles
	TitleField              // title: the title only
	NoteField               // note: annotation notes and quotes
	MemoField               // memo: the memos on articles
)

// scoresOnArticle says whether a field's matches are in documents of
// their own (notes, memos) that count for the article they are about.
func (f Field) scoresOnArticle() bool { return f == NoteField || f == MemoField }

// Node is a parsed query.
type Node interface{ String() string }

// Term matches one folded word, or every word it begins when Prefix.
type Term struct {
	Field  Field
	Word   string
	Prefix bool
}

// Phrase matches folded words in sequence.
type Phrase struct {
	Field Field
	Words []string
}

// Near matches its items (terms or phrases) with at most Dist words
// between them, in any order.
type Near struct {
	Items []Node
	Dist  int
}

// And, Or and Not combine nodes; Not only appears inside And.
type (
	And struct{ Items []Node }
	Or  struct{ Items []Node }
	Not struct{ Item Node }
)

// FilterKind names a metadata filter.
type FilterKind int

const (
	OutletFilter FilterKind = iota
	TagFilter
	AfterFilter
	BeforeFilter
)

// Filter keeps articles by metadata rather than text.
type Filter struct {
	Kind FilterKind
	// Words are the outlet's folded words, in order.
	Words []string
	// Tag is a normalised tag path; its children match too.
	Tag string
	// Time is the date of after: (inclusive) and before: (exclusive).
	Time time.Time
}

// DefaultNear is the distance of a bare NEAR.
const DefaultNear = 10

func fieldPrefix(f Field) string {
	switch f {
	case TitleField:
		return "title:"
	case NoteField:
		return "note:"
	case MemoField:
		return "memo:"
	}
	return ""
}

func (t Term) String() string {
	s := fieldPrefix(t.Field) + t.Word
	if t.Prefix {
		s += "*"
	}
	return s
}
func (p Phrase) String() string {
	return fieldPrefix(p.Field) + strconv.Quote(strings.Join(p.Words, " "))
}
func (n Near) String() string { return join(n.Items, " NEAR/"+strconv.Itoa(n.Dist)+" ") }
func (a And) String() string  { return "(" + join(a.Items, " ") + ")" }
func (o Or) String() string   { return "(" + join(o.Items, " OR ") + ")" }
func (n Not) String() string  { return "-" + n.Item.String() }
func (f Filter) String() string {
	switch f.Kind {
	case OutletFilter:
		return "outlet:" + strconv.Quote(strings.Join(f.Words, " "))
	case TagFilter:
		return "tag:" + strconv.Quote(f.Tag)
	case AfterFilter:
		return "after:" + f.Time.Format(time.DateOnly)
	}
	return "before:" + f.Time.Format(time.DateOnly)
}

func join(ns []Node, sep string) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = n.String()
	}
	return strings.Join(parts, sep)
}

// Parse parses the query language (see the README's "Search" section):
// words must all match; "a phrase"; x OR y (binding tighter than the
// implicit AND, so "a b OR c" is a AND (b OR c)); -exclude; prefix*;
// x NEAR/5 y; (groups); fields title:, note:, memo:, outlet:, tag:, after:,
// before:. Errors are EINVALID and say what is wrong and where.
func Parse(query string) (Node, error) {
	toks, err := lex(query)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, query: query}
	n, err := p.and()
	if err != nil {
		return nil, err
	}
	if p.i < len(p.toks) {
		return nil, p.errorf(p.toks[p.i], "unexpected ')' with no '(' before it")
	}
	if n == nil {
		return nil, app.Errorf(app.EINVALID, "query %s has no words to search for", quoted(query))
	}
	if !hasPositive(n) {
		return nil, app.Errorf(app.EINVALID, "query %s only excludes: add a word to search for, or a filter such as after:2025-01-01", quoted(query))
	}
	return n, nil
}

func hasPositive(n Node) bool {
	switch n := n.(type) {
	case And:
		for _, c := range n.Items {
			if hasPositive(c) {
				return true
			}
		}
		return false
	case Not:
		return false
	}
	return true
}

type tokKind int

const (
	tWord tokKind = iota
	tPhrase
	tOpen
	tClose
	tOr
	tNear
)

type token struct {
	kind  tokKind
	text  string // word, phrase contents, or field value
	field string // "title", "outlet", … when the token was field:value
	neg   bool   // preceded by '-'
	dist  int    // NEAR/n
	col   int    // 1-based column in code points, for errors
}

var fields = map[string]bool{"title": true, "note": true, "memo": true, "outlet": true, "tag": true, "after": true, "before": true}

func lex(q string) ([]token, error) {
	var toks []token
	rs := []rune(q)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
			continue
		case r == '(' || r == ')':
			k := tOpen
			if r == ')' {
				k = tClose
			}
			toks = append(toks, token{kind: k, col: i + 1})
			i++
			continue
		}
		t := token{col: i + 1}
		if r == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			t.neg = true
			i++
		}
		// field:value or field:"phrase"
		j := i
		for j < len(rs) && (unicode.IsLetter(rs[j])) {
			j++
		}
		if j < len(rs) && rs[j] == ':' && j > i && fields[strings.ToLower(string(rs[i:j]))] {
			t.field = strings.ToLower(string(rs[i:j]))
			i = j + 1
		}
		if i < len(rs) && (rs[i] == '"' || rs[i] == '“' || rs[i] == '”') {
			end := i + 1
			for end < len(rs) && rs[end] != '"' && rs[end] != '”' && rs[end] != '“' {
				end++
			}
			if end == len(rs) {
				return nil, app.Errorf(app.EINVALID, "unbalanced quote in query %s: the phrase opened at column %d is never closed with \"", quoted(q), i+1)
			}
			t.kind, t.text = tPhrase, string(rs[i+1:end])
			toks = append(toks, t)
			i = end + 1
			continue
		}
		end := i
		for end < len(rs) && !unicode.IsSpace(rs[end]) && rs[end] != '(' && rs[end] != ')' && rs[end] != '"' && rs[end] != '“' && rs[end] != '”' {
			end++
		}
		t.kind, t.text = tWord, string(rs[i:end])
		i = end
		if t.field == "" && !t.neg {
			switch {
			case t.text == "OR":
				t.kind = tOr
			case t.text == "NEAR":
				t.kind, t.dist = tNear, DefaultNear
			case strings.HasPrefix(t.text, "NEAR/"):
				n, err := strconv.Atoi(t.text[len("NEAR/"):])
				if err != nil || n < 0 || n > 1000 {
					return nil, app.Errorf(app.EINVALID, "%s at column %d of query %s: NEAR/ wants a number of words from 0 to 1000, as in NEAR/5", t.text, t.col, quoted(q))
				}
				t.kind, t.dist = tNear, n
			}
		}
		if t.field != "" && t.text == "" {
			return nil, app.Errorf(app.EINVALID, "%s: at column %d of query %s has no value (write %s:word or %s:\"some words\")", t.field, t.col, quoted(q), t.field, t.field)
		}
		toks = append(toks, t)
	}
	return toks, nil
}

type parser struct {
	toks  []token
	i     int
	query string
	depth int
}

func (p *parser) errorf(t token, format string, a ...any) error {
	return app.Errorf(app.EINVALID, "%s (column %d of query %s)", fmt.Sprintf(format, a...), t.col, quoted(p.query))
}

func (p *parser) peek() (token, bool) {
	if p.i < len(p.toks) {
		return p.toks[p.i], true
	}
	return token{}, false
}

// and parses items up to ')' or the end; nil when there are none.
func (p *parser) and() (Node, error) {
	var items []Node
	for {
		t, ok := p.peek()
		if !ok || t.kind == tClose {
			break
		}
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if n != nil {
			items = append(items, n)
		}
	}
	switch len(items) {
	case 0:
		return nil, nil
	case 1:
		return items[0], nil
	}
	return And{Items: items}, nil
}

func (p *parser) or() (Node, error) {
	first, _ := p.peek()
	n, err := p.near()
	if err != nil {
		return nil, err
	}
	items := []Node{n}
	for {
		t, ok := p.peek()
		if !ok || t.kind != tOr {
			break
		}
		p.i++
		m, err := p.near()
		if err != nil {
			return nil, err
		}
		items = append(items, m)
	}
	if len(items) == 1 {
		return n, nil
	}
	for _, it := range items {
		if it == nil {
			return nil, p.errorf(first, "OR needs something to search for on both sides")
		}
		if !hasPositive(it) {
			return nil, p.errorf(first, "an excluded word (-x) cannot be one side of OR")
		}
		if _, ok := it.(Filter); ok {
			return nil, p.errorf(first, "filters (outlet:, tag:, after:, before:) cannot be combined with OR")
		}
	}
	return Or{Items: items}, nil
}

func (p *parser) near() (Node, error) {
	first, _ := p.peek()
	n, err := p.unary()
	if err != nil {
		return nil, err
	}
	items := []Node{n}
	dist := -1
	for {
		t, ok := p.peek()
		if !ok || t.kind != tNear {
			break
		}
		if dist >= 0 && t.dist != dist {
			return nil, p.errorf(t, "one chain of NEAR must use one distance")
		}
		dist = t.dist
		p.i++
		m, err := p.unary()
		if err != nil {
			return nil, err
		}
		items = append(items, m)
	}
	if len(items) == 1 {
		return n, nil
	}
	for _, it := range items {
		switch it.(type) {
		case Term, Phrase:
		default:
			return nil, p.errorf(first, "NEAR joins words or \"phrases\", not groups, exclusions or filters")
		}
		if t, ok := it.(Term); ok && t.Prefix {
			return nil, p.errorf(first, "NEAR joins whole words or phrases, not prefixes such as %s", t)
		}
	}
	return Near{Items: items, Dist: dist}, nil
}

func (p *parser) unary() (Node, error) {
	t, ok := p.peek()
	if !ok {
		return nil, app.Errorf(app.EINVALID, "query %s ends where a word was expected (after OR or NEAR)", quoted(p.query))
	}
	switch t.kind {
	case tOr, tNear:
		return nil, p.errorf(t, "OR and NEAR go between two words")
	case tClose:
		return nil, p.errorf(t, "')' where a word was expected")
	case tOpen:
		p.i++
		p.depth++
		if p.depth > 32 {
			return nil, p.errorf(t, "too many nested parentheses")
		}
		n, err := p.and()
		if err != nil {
			return nil, err
		}
		if c, ok := p.peek(); !ok || c.kind != tClose {
			return nil, p.errorf(t, "the '(' here is never closed")
		}
		p.i++
		p.depth--
		if n == nil {
			return nil, p.errorf(t, "empty parentheses")
		}
		return n, nil
	}
	p.i++
	n, err := p.leaf(t)
	if err != nil || n == nil {
		return n, err
	}
	if t.neg {
		return Not{Item: n}, nil
	}
	return n, nil
}

// leaf turns a word, phrase or field token into a node; nil for a word
// with nothing searchable in it (a lone dash, say).
func (p *parser) leaf(t token) (Node, error) {
	field := AnyField
	switch t.field {
	case "title":
		field = TitleField
	case "note":
		field = NoteField
	case "memo":
		field = MemoField
	case "outlet":
		words := words(t.text)
		if len(words) == 0 {
			return nil, p.errorf(t, "outlet: wants an outlet name")
		}
		return Filter{Kind: OutletFilter, Words: words}, nil
	case "tag":
		tag, err := app.NormalizeTag(t.text)
		if err != nil {
			return nil, p.errorf(t, "tag: wants a tag path such as Actor/Russia: %v", err)
		}
		return Filter{Kind: TagFilter, Tag: tag}, nil
	case "after", "before":
		d, err := time.Parse(time.DateOnly, t.text)
		if err != nil {
			return nil, p.errorf(t, "%s: wants a date written 2025-01-31, not %q", t.field, t.text)
		}
		kind := AfterFilter
		if t.field == "before" {
			kind = BeforeFilter
		}
		return Filter{Kind: kind, Time: d}, nil
	}
	text := t.text
	prefix := t.kind == tWord && strings.HasSuffix(text, "*")
	if prefix {
		text = strings.TrimRight(text, "*")
	}
	ws := words(text)
	switch {
	case len(ws) == 0 && prefix:
		return nil, p.errorf(t, "'*' must end a word, as in zelensk*")
	case len(ws) == 0 && t.kind == tPhrase:
		return nil, p.errorf(t, "empty phrase")
	case len(ws) == 0:
		return nil, nil
	case prefix && len(ws) > 1:
		return nil, p.errorf(t, "%s: a prefix* must be a single word", t.text)
	case prefix && utf8.RuneCountInString(ws[0]) < 2:
		return nil, p.errorf(t, "%s: a prefix needs at least two letters", t.text)
	case len(ws) == 1:
		return Term{Field: field, Word: ws[0], Prefix: prefix}, nil
	}
	return Phrase{Field: field, Words: ws}, nil
}

// words folds text into its words, hyphenated parts separately.
func words(text string) []string {
	var ws []string
	Tokens(text, func(tok Token) {
		if !tok.Joined {
			ws = append(ws, string(tok.Term))
		}
	})
	return ws
}

// quoted puts a query in typographic quotes for a message: %q would
// escape the straight quotes a phrase query is made of.
func quoted(query string) string { return "“" + query + "”" }
