package exchange

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
)

// W3CContext is the Web Annotation JSON-LD context.
const W3CContext = "http://www.w3.org/ns/anno.jsonld"

// The JSON shapes of the W3C Web Annotation Data Model that Parallax
// writes. Field order follows the specification's examples.
type (
	w3cCollection struct {
		Context string  `json:"@context"`
		ID      string  `json:"id"`
		Type    string  `json:"type"`
		Label   string  `json:"label"`
		Total   int     `json:"total"`
		First   w3cPage `json:"first"`
	}
	w3cPage struct {
		ID         string          `json:"id"`
		Type       string          `json:"type"`
		StartIndex int             `json:"startIndex"`
		Items      []w3cAnnotation `json:"items"`
	}
	w3cAnnotation struct {
		Context    string        `json:"@context"`
		ID         string        `json:"id"`
		Type       string        `json:"type"`
		Motivation string        `json:"motivation"`
		Created    string        `json:"created"`
		Modified   string        `json:"modified"`
		Creator    *w3cAgent     `json:"creator,omitempty"`
		Body       []w3cBody     `json:"body,omitempty"`
		Target     w3cTarget     `json:"target"`
		Stylesheet *w3cStyleshet `json:"stylesheet,omitempty"`
	}
	w3cAgent struct {
		Type string `json:"type"`
		Name string `json:"name"`
	}
	w3cBody struct {
		Type    string `json:"type"`
		Purpose string `json:"purpose"`
		Value   string `json:"value"`
		Format  string `json:"format,omitempty"`
	}
	w3cTarget struct {
		Source     string        `json:"source"`
		Selector   []w3cSelector `json:"selector,omitempty"` // none: the whole article (a memo)
		State      *w3cState     `json:"state,omitempty"`
		StyleClass string        `json:"styleClass,omitempty"`
	}
	w3cSelector struct {
		Type   string `json:"type"`
		Exact  string `json:"exact,omitempty"`
		Prefix string `json:"prefix,omitempty"`
		Suffix string `json:"suffix,omitempty"`
		Start  *int   `json:"start,omitempty"`
		End    *int   `json:"end,omitempty"`
	}
	w3cState struct {
		Type       string `json:"type"`
		SourceDate string `json:"sourceDate"`
	}
	w3cStyleshet struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	}
)

// SourceIRI names an article revision in exports: its URL when it has one,
// else a URN of its content hash, which identifies the same text in any
// store.
func SourceIRI(r app.Revision) string {
	if app.URLKey(r.URL) != "" {
		return r.URL
	}
	return "urn:sha256:" + r.Hash
}

func w3cTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// ExportW3C writes the bundle's annotations as one AnnotationCollection,
// and its articles' memos as comments on the whole article. (The model
// has no target for a project or a code, so their memos stay out.)
// The output depends only on the annotations, so exporting the same
// annotations from another store gives the same bytes.
func ExportW3C(w io.Writer, b Bundle) error {
	var items []w3cAnnotation
	for _, it := range b.Items {
		for _, a := range it.Annotations {
			items = append(items, toW3C(a, it.Revisions[a.Revision]))
		}
		for _, m := range it.Memos {
			items = append(items, memoToW3C(m, it.Latest))
		}
	}
	h := sha256.New()
	for _, a := range items {
		h.Write([]byte(a.ID + "\n"))
	}
	id := "urn:sha256:" + hex.EncodeToString(h.Sum(nil))
	c := w3cCollection{
		Context: W3CContext,
		ID:      id,
		Type:    "AnnotationCollection",
		Label:   fmt.Sprintf("Parallax annotations (%d)", len(items)),
		Total:   len(items),
		First:   w3cPage{ID: id + "#page1", Type: "AnnotationPage", Items: items},
	}
	if c.First.Items == nil {
		c.First.Items = []w3cAnnotation{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(c)
}

func toW3C(a app.Annotation, r app.Revision) w3cAnnotation {
	start, end := a.Start, a.End
	out := w3cAnnotation{
		Context:    W3CContext,
		ID:         a.URI,
		Type:       "Annotation",
		Motivation: "highlighting",
		Created:    w3cTime(a.Created),
		Modified:   w3cTime(a.Modified),
		Target: w3cTarget{
			Source: SourceIRI(r),
			Selector: []w3cSelector{
				{Type: "TextQuoteSelector", Exact: a.Quote, Prefix: a.Prefix, Suffix: a.Suffix},
				{Type: "TextPositionSelector", Start: &start, End: &end},
			},
			State: &w3cState{Type: "TimeState", SourceDate: w3cTime(sourceDate(r))},
		},
	}
	if a.Analyst != "" {
		out.Creator = &w3cAgent{Type: "Person", Name: a.Analyst}
	}
	if a.Note != "" {
		out.Motivation = "commenting"
		out.Body = append(out.Body, w3cBody{Type: "TextualBody", Purpose: "commenting", Value: a.Note, Format: "text/markdown"})
	}
	for _, t := range a.Tags {
		if a.Note == "" {
			out.Motivation = "tagging"
		}
		out.Body = append(out.Body, w3cBody{Type: "TextualBody", Purpose: "tagging", Value: t})
	}
	if a.Color != "" {
		class := "parallax-" + strings.TrimPrefix(a.Color, "#")
		out.Target.StyleClass = class
		out.Stylesheet = &w3cStyleshet{Type: "CssStylesheet", Value: fmt.Sprintf(".%s { background-color: %s; }", class, a.Color)}
	}
	return out
}

// memoToW3C is an article memo as a comment on the whole article.
func memoToW3C(m app.Memo, latest app.Revision) w3cAnnotation {
	out := w3cAnnotation{
		Context:    W3CContext,
		ID:         m.URI,
		Type:       "Annotation",
		Motivation: "commenting",
		Created:    w3cTime(m.Created),
		Modified:   w3cTime(m.Modified),
		Body:       []w3cBody{{Type: "TextualBody", Purpose: "commenting", Value: m.Text, Format: "text/markdown"}},
		Target:     w3cTarget{Source: SourceIRI(latest)},
	}
	if m.Analyst != "" {
		out.Creator = &w3cAgent{Type: "Person", Name: m.Analyst}
	}
	return out
}

// ImportResult is the outcome of importing one annotation (or one
// article, for REFI-QDA sources).
type ImportResult struct {
	Item       string // what it was: the annotation's id, a source's name
	Annotation app.AnnotationID
	Memo       app.MemoID // for a memo on a whole article, project or code
	Article    app.ArticleID
	Status     anchor.Status
	Updated    bool // an annotation with this id was stored already
	// Text is set for a project's source text stored as an article, with
	// what storing it did.
	Text    bool
	Outcome app.Outcome
	Err     error
}

// ImportW3C stores the annotations in a W3C JSON-LD document: one
// Annotation, an AnnotationCollection with embedded pages, an
// AnnotationPage or an array of annotations. Each annotation must target a
// passage of an article already in the store (by its URL or content-hash
// URN), or the whole article, as a comment that becomes an article memo (a
// Hypothesis page note, say); one that cannot be placed is reported with
// the reason and skipped.
// The error is non-nil only when the document as a whole is unreadable.
func ImportW3C(st app.Store, name string, data []byte) ([]ImportResult, error) {
	var doc any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, app.Errorf(app.EINVALID, "%s: not JSON: %v", name, err)
	}
	annos, err := w3cItems(doc)
	if err != nil {
		return nil, app.WrapError(app.EINVALID, err, "%s", name)
	}
	im := &w3cImport{st: st, sources: map[string]w3cSource{}, revs: map[[2]int]*w3cRevision{}}
	out := make([]ImportResult, len(annos))
	var batch []app.Annotation
	var owners []int // out index of each annotation in batch
	for i, raw := range annos {
		var r ImportResult
		var a *app.Annotation
		if source, ok := wholeTarget(raw["target"]); ok {
			r = im.memo(raw, source)
		} else {
			r, a = im.prepare(raw)
		}
		if r.Item == "" {
			r.Item = fmt.Sprintf("annotation %d", i+1)
		}
		out[i] = r
		if a != nil {
			batch, owners = append(batch, *a), append(owners, i)
		}
	}
	// Saved in batches, each one transaction and one sync; a batch that
	// fails is saved one by one, so only the annotation at fault fails.
	const batchSize = 1000
	for start := 0; start < len(batch); start += batchSize {
		end := min(start+batchSize, len(batch))
		saved, err := st.SaveAnnotations(batch[start:end])
		if err != nil {
			saved = make([]app.Annotation, end-start)
			for k := range saved {
				if saved[k], err = st.SaveAnnotation(batch[start+k]); err != nil {
					out[owners[start+k]].Err = err
				}
			}
		}
		for k, a := range saved {
			if r := &out[owners[start+k]]; r.Err == nil {
				r.Annotation, r.Article, r.Status = a.ID, a.Article, a.Status
			}
		}
	}
	for i := range out {
		if r := &out[i]; r.Err != nil {
			r.Err = app.WrapError(app.ErrorCode(r.Err), r.Err, "%s: %s", name, app.Excerpt(r.Item, 80))
		}
	}
	return out, nil
}

// w3cImport is one document's import: the sources and revisions it has
// looked up, so thousands of annotations on a few articles read each
// article once.
type w3cImport struct {
	st      app.Store
	sources map[string]w3cSource // by target source IRI
	revs    map[[2]int]*w3cRevision
}

type w3cSource struct {
	id     app.ArticleID
	latest int // revision number: the latest, or the one a hash names
	byHash bool
	err    error
}

type w3cRevision struct {
	rev  app.Revision
	text *anchor.Text
}

// revision reads revision n of an article once.
func (im *w3cImport) revision(id app.ArticleID, n int) (*w3cRevision, error) {
	k := [2]int{int(id), n}
	if r, ok := im.revs[k]; ok {
		return r, nil
	}
	rev, err := im.st.FindRevision(id, n)
	if err != nil {
		return nil, err
	}
	r := &w3cRevision{rev: rev, text: anchor.NewText(rev.Body)}
	im.revs[k] = r
	im.revs[[2]int{int(id), rev.Number}] = r // 0 is the latest
	return r, nil
}

// w3cItems finds the annotations in a document.
func w3cItems(doc any) ([]map[string]any, error) {
	if list, ok := doc.([]any); ok {
		return objects(list, "item %d of the array is not an object")
	}
	m, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not a W3C annotation document (expected an object or array)")
	}
	if !hasContext(m["@context"]) {
		return nil, fmt.Errorf("no @context %s: not a W3C Web Annotation document", W3CContext)
	}
	switch {
	case hasType(m["type"], "Annotation"):
		return []map[string]any{m}, nil
	case hasType(m["type"], "AnnotationCollection"):
		first, ok := m["first"].(map[string]any)
		if !ok {
			if _, isRef := m["first"].(string); isRef {
				return nil, fmt.Errorf("the collection's first page is a link (%v); only collections with embedded pages can be imported offline", m["first"])
			}
			if total := fmt.Sprint(m["total"]); total == "0" {
				return nil, nil // an empty collection, as the model allows
			}
			return nil, fmt.Errorf("the AnnotationCollection has no \"first\" page, so no annotations (an empty collection says \"total\": 0)")
		}
		var out []map[string]any
		for page := first; page != nil; {
			items, err := pageItems(page)
			if err != nil {
				return nil, err
			}
			out = append(out, items...)
			next, _ := page["next"].(map[string]any)
			page = next
		}
		return out, nil
	case hasType(m["type"], "AnnotationPage"):
		return pageItems(m)
	}
	return nil, fmt.Errorf("type %v is not Annotation, AnnotationCollection or AnnotationPage", m["type"])
}

func pageItems(page map[string]any) ([]map[string]any, error) {
	list, ok := page["items"].([]any)
	if !ok {
		return nil, fmt.Errorf("annotation page without an items array")
	}
	return objects(list, "page item %d is not an embedded annotation")
}

// objects checks that every element of list is a JSON object; notObject
// formats the error for the first that is not, given its 1-based index.
func objects(list []any, notObject string) ([]map[string]any, error) {
	out := make([]map[string]any, 0, len(list))
	for i, v := range list {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf(notObject, i+1)
		}
		out = append(out, m)
	}
	return out, nil
}

func hasContext(v any) bool {
	switch c := v.(type) {
	case string:
		return c == W3CContext
	case []any:
		return slices.ContainsFunc(c, func(x any) bool { s, _ := x.(string); return s == W3CContext })
	}
	return false
}

func hasType(v any, want string) bool {
	switch t := v.(type) {
	case string:
		return t == want
	case []any:
		return slices.ContainsFunc(t, func(x any) bool { s, _ := x.(string); return s == want })
	}
	return false
}

var w3cStyleColor = regexp.MustCompile(`\.([A-Za-z0-9_-]+)\s*\{[^}]*background(?:-color)?\s*:\s*(#[0-9A-Fa-f]{3,6})`)

// prepare reads one annotation and places it in its article; it returns
// the annotation to save, or nil with the result's Err saying why not.
func (im *w3cImport) prepare(m map[string]any) (ImportResult, *app.Annotation) {
	var r ImportResult
	fail := func(code, format string, args ...any) (ImportResult, *app.Annotation) {
		r.Err = app.Errorf(code, format, args...)
		return r, nil
	}
	id, _ := m["id"].(string)
	if !isIRI(id) {
		return fail(app.EINVALID, "the annotation has no id IRI")
	}
	r.Item = id
	if !hasType(m["type"], "Annotation") {
		return fail(app.EINVALID, "type %v is not Annotation", m["type"])
	}
	if _, both := m["bodyValue"]; both && m["body"] != nil {
		return fail(app.EINVALID, "has both body and bodyValue")
	}
	target, err := textTarget(m["target"])
	if err != nil {
		return fail(app.EINVALID, "%v", err)
	}
	art, found0, err := im.resolveSource(target)
	if err != nil {
		r.Err = err
		return r, nil
	}
	rev, text := found0.rev, found0.text
	sel := anchor.Selector{Quote: target.exact, Prefix: target.prefix, Suffix: target.suffix}
	if target.pos != nil {
		sel.Start, sel.End = target.pos[0], target.pos[1]
	}
	if sel.Quote == "" { // a position selector alone
		got, ok := text.Describe(sel.Start, sel.End)
		if !ok {
			return fail(app.EINVALID, "position %d–%d is outside article %d revision %d", sel.Start, sel.End, art, rev.Number)
		}
		sel = got
	}
	found := anchor.NewMover(nil, text).Anchor(sel)
	if found.Status == anchor.Orphaned {
		return fail(app.ENOTFOUND, "quote %q is not in article %d (%s)", sel.Quote, art, target.source)
	}
	a := app.Annotation{
		URI:      id,
		Article:  art,
		Revision: rev.Number,
		Selector: found.Selector,
		Status:   found.Status,
		Color:    app.DefaultColor,
	}
	a.Created, a.Modified = w3cTimes(m)
	a.Analyst = agentName(m["creator"])
	notes, tags := w3cBodies(m)
	for _, t := range tags {
		tag, err := app.NormalizeTag(t)
		if err != nil {
			return fail(app.EINVALID, "tag body: %v", err)
		}
		a.Tags = append(a.Tags, tag)
	}
	a.Note = strings.Join(notes, "\n\n")
	if ss, ok := m["stylesheet"].(map[string]any); ok && target.styleClass != "" {
		v, _ := ss["value"].(string)
		for _, match := range w3cStyleColor.FindAllStringSubmatch(v, -1) {
			if match[1] == target.styleClass {
				if c, err := app.ParseColor(match[2]); err == nil {
					a.Color = c
				}
			}
		}
	}
	if err := a.CheckFields(); err != nil {
		r.Err = err
		return r, nil
	}
	if prev, err := im.st.FindAnnotationByURI(id); err == nil {
		r.Updated = true
		a.ID = prev.ID
	}
	return r, &a
}

type textTargetSpec struct {
	source                string
	exact, prefix, suffix string
	pos                   []int // start, end
	styleClass            string
}

// textTarget finds the first target that selects a passage of text.
func textTarget(v any) (textTargetSpec, error) {
	var spec textTargetSpec
	targets := asList(v)
	if len(targets) == 0 {
		return spec, fmt.Errorf("no target")
	}
	var whole []string
	for _, t := range targets {
		m, ok := t.(map[string]any)
		if !ok {
			if s, ok := t.(string); ok {
				whole = append(whole, s)
			}
			continue
		}
		src, _ := m["source"].(string)
		if src == "" {
			if id, ok := m["id"].(string); ok {
				whole = append(whole, id)
			}
			continue
		}
		spec = textTargetSpec{source: src}
		spec.styleClass, _ = m["styleClass"].(string)
		for _, s := range asList(m["selector"]) {
			collectSelector(s, &spec)
		}
		if spec.exact != "" || spec.pos != nil {
			return spec, nil
		}
		whole = append(whole, src)
	}
	if len(whole) > 0 {
		return spec, fmt.Errorf("targets %s as a whole, not a passage of text (no TextQuoteSelector or TextPositionSelector)", strings.Join(whole, ", "))
	}
	return spec, fmt.Errorf("target is neither an IRI nor a specific resource")
}

// collectSelector reads text selectors, following refinedBy chains.
func collectSelector(v any, spec *textTargetSpec) {
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	switch m["type"] {
	case "TextQuoteSelector":
		if e, ok := m["exact"].(string); ok && spec.exact == "" {
			spec.exact = e
			spec.prefix, _ = m["prefix"].(string)
			spec.suffix, _ = m["suffix"].(string)
		}
	case "TextPositionSelector":
		s, ok1 := asInt(m["start"])
		e, ok2 := asInt(m["end"])
		if ok1 && ok2 && s >= 0 && e > s && spec.pos == nil {
			spec.pos = []int{s, e}
		}
	}
	if ref, ok := m["refinedBy"]; ok {
		for _, r := range asList(ref) {
			collectSelector(r, spec)
		}
	}
}

// resolveSource finds the article revision a target's source names: by
// content-hash URN, else by URL. Of an article's revisions it picks the
// newest one that the selectors fit exactly, else the latest.
func (im *w3cImport) resolveSource(target textTargetSpec) (app.ArticleID, *w3cRevision, error) {
	source := target.source
	src, ok := im.sources[source]
	if !ok {
		if h, isHash := strings.CutPrefix(source, "urn:sha256:"); isHash {
			id, n, err := im.st.FindRevisionByHash(h)
			src = w3cSource{id: id, latest: n, byHash: true}
			if err != nil {
				src.err = app.Errorf(app.ENOTFOUND, "source %s is not a text in this store: import the article first", source)
			}
		} else {
			id, err := im.st.FindArticleByURL(source)
			src = w3cSource{id: id}
			if err != nil {
				src.err = app.Errorf(app.ENOTFOUND, "source %s is not an article in this store: import the article first", source)
			} else if latest, err := im.revision(id, 0); err != nil {
				src.err = err
			} else {
				src.latest = latest.rev.Number
			}
		}
		im.sources[source] = src
	}
	if src.err != nil {
		return 0, nil, src.err
	}
	latest, err := im.revision(src.id, src.latest)
	if err != nil || src.byHash || target.pos == nil || target.exact == "" {
		return src.id, latest, err
	}
	// A position and a quote: the revision where the quote stands at that
	// position, newest first; else the latest.
	for n := src.latest; n >= 1; n-- {
		rev, err := im.revision(src.id, n)
		if err != nil {
			return src.id, nil, err
		}
		if rev.text.Slice(target.pos[0], target.pos[1]) == target.exact {
			return src.id, rev, nil
		}
	}
	return src.id, latest, nil
}

func asList(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	}
	return []any{v}
}

func asInt(v any) (int, bool) {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		return int(i), err == nil
	case float64:
		return int(n), n == float64(int(n))
	}
	return 0, false
}

func isIRI(s string) bool {
	i := strings.IndexByte(s, ':')
	return i > 0 && !strings.ContainsAny(s, " \t\n<>\"")
}

func parseW3CTime(v any) time.Time {
	s, _ := v.(string)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

func agentName(v any) string {
	for _, c := range asList(v) {
		switch c := c.(type) {
		case string:
			return c
		case map[string]any:
			for _, k := range []string{"name", "nickname", "id"} {
				if s, ok := c[k].(string); ok && s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// wholeTarget is the source IRI of an annotation whose targets are whole
// resources (an IRI, or a specific resource without a text selector);
// false when any target selects a passage.
func wholeTarget(v any) (string, bool) {
	source := ""
	for _, t := range asList(v) {
		switch t := t.(type) {
		case string:
			source = cmp.Or(source, t)
		case map[string]any:
			var spec textTargetSpec
			for _, s := range asList(t["selector"]) {
				collectSelector(s, &spec)
			}
			if spec.exact != "" || spec.pos != nil {
				return "", false
			}
			src, _ := t["source"].(string)
			if src == "" {
				src, _ = t["id"].(string)
			}
			source = cmp.Or(source, src)
		}
	}
	return source, isIRI(source)
}

// w3cTimes are an annotation's created and modified times: now when it
// gives none, and modified as created.
func w3cTimes(m map[string]any) (created, modified time.Time) {
	if created = parseW3CTime(m["created"]); created.IsZero() {
		created = time.Now().UTC().Truncate(time.Millisecond)
	}
	if modified = parseW3CTime(m["modified"]); modified.IsZero() {
		modified = created
	}
	return created, modified
}

// w3cBodies reads an annotation's bodies (and bodyValue): the texts of
// its comments, an external body as a <link>, and the values of its
// tagging bodies as given.
func w3cBodies(m map[string]any) (notes, tags []string) {
	bodies := asList(m["body"])
	if bv, ok := m["bodyValue"].(string); ok {
		bodies = append(bodies, map[string]any{"type": "TextualBody", "value": bv})
	}
	for _, b := range bodies {
		switch b := b.(type) {
		case string: // an external body: keep a link to it
			notes = append(notes, "<"+b+">")
		case map[string]any:
			value, _ := b["value"].(string)
			if slices.Contains(asList(b["purpose"]), any("tagging")) && value != "" {
				tags = append(tags, value)
			} else if value != "" {
				notes = append(notes, value)
			} else if src, ok := b["id"].(string); ok && isIRI(src) {
				notes = append(notes, "<"+src+">")
			}
		}
	}
	return notes, tags
}

// memo stores a comment on a whole article as the article's memo.
func (im *w3cImport) memo(m map[string]any, source string) ImportResult {
	id, _ := m["id"].(string)
	r := ImportResult{Item: id}
	fail := func(err error) ImportResult {
		r.Err = err // ImportW3C names the file and the annotation
		return r
	}
	if !isIRI(id) {
		return fail(app.Errorf(app.EINVALID, "the annotation has no id IRI"))
	}
	art, _, err := im.resolveSource(textTargetSpec{source: source})
	if err != nil {
		return fail(err)
	}
	notes, _ := w3cBodies(m) // a memo has no tags: a page note's are left out
	memo := app.Memo{URI: id, Kind: app.ArticleMemo, Article: art, Text: strings.TrimSpace(strings.Join(notes, "\n\n")),
		Analyst: agentName(m["creator"])}
	memo.Created, memo.Modified = w3cTimes(m)
	if memo.Text == "" {
		return fail(app.Errorf(app.EINVALID, "targets %s as a whole, not a passage of text, and has no comment to keep as a memo", source))
	}
	if prev, err := im.st.FindMemoByURI(id); err == nil {
		memo.ID, r.Updated = prev.ID, true
	}
	saved, err := im.st.SaveMemo(memo)
	if err != nil {
		return fail(err)
	}
	r.Memo, r.Article = saved.ID, art
	return r
}
