package exchange

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
)

// QDANamespace is the REFI-QDA Project exchange namespace (schema 1.0).
const QDANamespace = "urn:QDA-XML:project:1.0"

// The REFI-QDA elements Parallax reads and writes, in the order the schema
// (Project-mrt2019.xsd) requires.
type (
	qdaProject struct {
		XMLName          xml.Name      `xml:"urn:QDA-XML:project:1.0 Project"`
		Name             string        `xml:"name,attr"`
		Origin           string        `xml:"origin,attr,omitempty"`
		CreationDateTime string        `xml:"creationDateTime,attr,omitempty"`
		Users            *qdaUsers     `xml:"Users"`
		CodeBook         *qdaCodeBook  `xml:"CodeBook"`
		Variables        *qdaVariables `xml:"Variables"`
		Sources          *qdaSources   `xml:"Sources"`
		Notes            *qdaNotes     `xml:"Notes"`
		NoteRef          []qdaRef      `xml:"NoteRef"` // the project's memos
	}
	qdaUsers struct {
		User []qdaUser `xml:"User"`
	}
	qdaUser struct {
		GUID string `xml:"guid,attr"`
		Name string `xml:"name,attr,omitempty"`
	}
	qdaCodeBook struct {
		Codes qdaCodes `xml:"Codes"`
	}
	qdaCodes struct {
		Code []*qdaCode `xml:"Code"`
	}
	qdaCode struct {
		GUID        string     `xml:"guid,attr"`
		Name        string     `xml:"name,attr"`
		IsCodable   bool       `xml:"isCodable,attr"`
		Color       string     `xml:"color,attr,omitempty"`
		Description string     `xml:"Description,omitempty"`
		NoteRef     []qdaRef   `xml:"NoteRef"` // the code's memos
		Code        []*qdaCode `xml:"Code"`
	}
	qdaVariables struct {
		Variable []qdaVariable `xml:"Variable"`
	}
	qdaVariable struct {
		GUID string `xml:"guid,attr"`
		Name string `xml:"name,attr"`
		Type string `xml:"typeOfVariable,attr"`
	}
	qdaSources struct {
		TextSource []qdaTextSource `xml:"TextSource"`
	}
	qdaTextSource struct {
		GUID             string         `xml:"guid,attr"`
		Name             string         `xml:"name,attr,omitempty"`
		PlainTextPath    string         `xml:"plainTextPath,attr,omitempty"`
		CreatingUser     string         `xml:"creatingUser,attr,omitempty"`
		CreationDateTime string         `xml:"creationDateTime,attr,omitempty"`
		ModifiedDateTime string         `xml:"modifiedDateTime,attr,omitempty"`
		Description      string         `xml:"Description,omitempty"`
		PlainTextContent string         `xml:"PlainTextContent,omitempty"`
		Selections       []qdaSelection `xml:"PlainTextSelection"`
		Coding           []qdaCoding    `xml:"Coding"`
		NoteRef          []qdaRef       `xml:"NoteRef"`
		VariableValue    []qdaVarValue  `xml:"VariableValue"`
	}
	qdaSelection struct {
		GUID             string      `xml:"guid,attr"`
		Name             string      `xml:"name,attr,omitempty"`
		StartPosition    int         `xml:"startPosition,attr"`
		EndPosition      int         `xml:"endPosition,attr"`
		CreatingUser     string      `xml:"creatingUser,attr,omitempty"`
		CreationDateTime string      `xml:"creationDateTime,attr,omitempty"`
		ModifiedDateTime string      `xml:"modifiedDateTime,attr,omitempty"`
		Description      string      `xml:"Description,omitempty"`
		Coding           []qdaCoding `xml:"Coding"`
		NoteRef          []qdaRef    `xml:"NoteRef"`
	}
	qdaCoding struct {
		GUID         string `xml:"guid,attr"`
		CreatingUser string `xml:"creatingUser,attr,omitempty"`
		CodeRef      qdaRef `xml:"CodeRef"`
	}
	qdaRef struct {
		TargetGUID string `xml:"targetGUID,attr"`
	}
	qdaVarValue struct {
		VariableRef   qdaRef `xml:"VariableRef"`
		TextValue     string `xml:"TextValue,omitempty"`
		BooleanValue  string `xml:"BooleanValue,omitempty"`
		IntegerValue  string `xml:"IntegerValue,omitempty"`
		DateValue     string `xml:"DateValue,omitempty"`
		DateTimeValue string `xml:"DateTimeValue,omitempty"`
	}
	qdaNotes struct {
		Note []qdaTextSource `xml:"Note"`
	}
)

// guid derives a stable GUID from a key (a name-based UUID, version 5
// layout over SHA-1), so exporting the same data twice gives the same
// project file.
func guid(key string) string {
	sum := sha1.Sum([]byte("parallax\x00" + key))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// annotationGUID reuses the UUID of a urn:uuid URI, so an annotation keeps
// its identity through a REFI-QDA round trip.
func annotationGUID(uri string) string {
	if u, ok := strings.CutPrefix(uri, "urn:uuid:"); ok && isGUID(u) {
		return strings.ToLower(u)
	}
	return guid("annotation:" + uri)
}

func isGUID(s string) bool {
	s = strings.Trim(s, "{}")
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
				return false
			}
		}
	}
	return true
}

// qdaTime keeps fractions of a second (xsd:dateTime allows them), so an
// annotation's times survive a round trip to the millisecond.
func qdaTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// Variables Parallax writes for a source: an article's metadata, where it
// was imported from, and which revision of the article the text is.
var qdaVariableNames = []struct {
	name, typ string
	value     func(app.Revision) string
}{
	{"Outlet", "Text", func(r app.Revision) string { return r.Outlet }},
	{"Published", "DateTime", func(r app.Revision) string { return qdaTime(r.Published) }},
	{"URL", "Text", func(r app.Revision) string { return r.URL }},
	{"Byline", "Text", func(r app.Revision) string { return r.Byline }},
	{"Dateline", "Text", func(r app.Revision) string { return r.Dateline }},
	{"Language", "Text", func(r app.Revision) string { return r.Language }},
	{"Partial", "Boolean", func(r app.Revision) string { return map[bool]string{true: "true"}[r.Partial] }},
	{"Revision", "Integer", func(r app.Revision) string { return strconv.Itoa(r.Number) }},
	{"File", "Text", func(r app.Revision) string { return r.Origin.Path }},
	{"Feed", "Text", func(r app.Revision) string { return r.Origin.Feed }},
	{"Feed item", "Text", func(r app.Revision) string { return r.Origin.GUID }},
}

// sourceValues are a revision's variable values, the empty ones left out.
func sourceValues(rev app.Revision) []qdaVarValue {
	var out []qdaVarValue
	for _, v := range qdaVariableNames {
		val := v.value(rev)
		if val == "" {
			continue
		}
		vv := qdaVarValue{VariableRef: qdaRef{guid("variable:" + v.name)}}
		switch v.typ {
		case "DateTime":
			vv.DateTimeValue = val
		case "Boolean":
			vv.BooleanValue = val
		case "Integer":
			vv.IntegerValue = val
		default:
			vv.TextValue = val
		}
		out = append(out, vv)
	}
	return out
}

// ExportQDPX writes the bundle as a REFI-QDA project archive: tags become
// the codebook (nested by path, with colours), each annotated revision a
// TextSource with its plain text in sources/, each annotation a
// PlainTextSelection with a Coding per tag and its note as a Note, outlet,
// publication date and URL as variables.
func ExportQDPX(w io.Writer, b Bundle, origin string) error {
	p := qdaProject{Name: "Parallax export", Origin: origin}
	users := map[string]bool{}
	var latest time.Time

	// Codebook: one Code per tag path, nested.
	codes := map[string]*qdaCode{}
	var roots []*qdaCode
	for _, ti := range b.Tags {
		c := &qdaCode{GUID: guid("tag:" + ti.Path), Name: ti.Name(), IsCodable: true, Color: ti.Color, Description: ti.Description}
		codes[ti.Path] = c
		if parent := codes[ti.Parent()]; parent != nil {
			parent.Code = append(parent.Code, c)
		} else {
			roots = append(roots, c)
		}
	}
	if len(roots) > 0 {
		p.CodeBook = &qdaCodeBook{Codes: qdaCodes{Code: roots}}
	}
	vars := &qdaVariables{}
	for _, v := range qdaVariableNames {
		vars.Variable = append(vars.Variable, qdaVariable{GUID: guid("variable:" + v.name), Name: v.name, Type: v.typ})
	}
	p.Variables = vars

	zw := zip.NewWriter(w)
	sources := &qdaSources{}
	notes := &qdaNotes{}
	coding := func(owner, tag, user string) qdaCoding {
		return qdaCoding{GUID: guid("coding:" + owner + ":" + tag), CreatingUser: user, CodeRef: qdaRef{TargetGUID: guid("tag:" + tag)}}
	}
	extras := qdpxExtras{Format: extrasFormat, Version: 1}
	memo := func(m app.Memo) qdaRef {
		user := ""
		if m.Analyst != "" {
			user = guid("user:" + m.Analyst)
			users[m.Analyst] = true
		}
		if m.Modified.After(latest) {
			latest = m.Modified
		}
		n, x := memoNote(m, user)
		notes.Note = append(notes.Note, n)
		if x.URI != "" {
			extras.Memos = append(extras.Memos, x)
		}
		return qdaRef{TargetGUID: n.GUID}
	}
	for _, m := range b.Memos {
		switch m.Kind {
		case app.ProjectMemo:
			p.NoteRef = append(p.NoteRef, memo(m))
		case app.TagMemo:
			if c := codes[m.Tag]; c != nil {
				c.NoteRef = append(c.NoteRef, memo(m))
			}
		}
	}
	for _, it := range b.Items {
		// Every revision, oldest first, so a reader that takes sources in
		// order meets an article's history as it happened.
		var history []string
		for n := 1; n <= it.Latest.Number; n++ {
			rev, ok := it.Revisions[n]
			if !ok {
				continue
			}
			src := qdaTextSource{GUID: guid("text:" + rev.Hash), Name: rev.Title}
			if n != it.Latest.Number {
				src.Name = fmt.Sprintf("%s [revision %d]", rev.Title, n)
			}
			src.PlainTextPath = "internal://" + src.GUID + ".txt"
			f, err := zw.CreateHeader(&zip.FileHeader{Name: "sources/" + src.GUID + ".txt", Method: zip.Deflate, Modified: time.Unix(0, 0).UTC()})
			if err != nil {
				return err
			}
			if _, err := io.WriteString(f, rev.Body); err != nil {
				return err
			}
			for _, a := range it.Annotations {
				if a.Revision != n {
					continue
				}
				ag := annotationGUID(a.URI)
				user := ""
				if a.Analyst != "" {
					user = guid("user:" + a.Analyst)
					users[a.Analyst] = true
				}
				sel := qdaSelection{
					GUID: ag, Name: app.Excerpt(a.Quote, 60),
					StartPosition: a.Start, EndPosition: a.End,
					CreatingUser: user, CreationDateTime: qdaTime(a.Created), ModifiedDateTime: qdaTime(a.Modified),
				}
				for _, t := range a.Tags {
					sel.Coding = append(sel.Coding, coding(ag, t, user))
				}
				if a.Note != "" {
					ng := guid("note:" + ag)
					sel.NoteRef = append(sel.NoteRef, qdaRef{TargetGUID: ng})
					notes.Note = append(notes.Note, qdaTextSource{GUID: ng, Name: "Note on " + app.Excerpt(a.Quote, 60), CreatingUser: user, CreationDateTime: qdaTime(a.Created), PlainTextContent: a.Note})
				}
				src.Selections = append(src.Selections, sel)
				extras.Selections = append(extras.Selections, extrasOf(ag, a))
				if a.Modified.After(latest) {
					latest = a.Modified
				}
			}
			if n == it.Latest.Number {
				for _, t := range it.Article.Tags {
					src.Coding = append(src.Coding, coding(src.GUID, t, ""))
				}
				for _, m := range it.Memos {
					src.NoteRef = append(src.NoteRef, memo(m))
				}
			}
			src.VariableValue = sourceValues(rev)
			sources.TextSource = append(sources.TextSource, src)
			history = append(history, src.GUID)
		}
		if len(history) > 1 {
			extras.Articles = append(extras.Articles, history)
		}
	}
	if len(users) > 0 {
		p.Users = &qdaUsers{}
		for _, name := range slices.Sorted(maps.Keys(users)) {
			p.Users.User = append(p.Users.User, qdaUser{GUID: guid("user:" + name), Name: name})
		}
	}
	if len(sources.TextSource) > 0 {
		p.Sources = sources
	}
	if len(notes.Note) > 0 {
		p.Notes = notes
	}
	p.CreationDateTime = qdaTime(latest)

	f, err := zw.CreateHeader(&zip.FileHeader{Name: "project.qde", Method: zip.Deflate, Modified: time.Unix(0, 0).UTC()})
	if err != nil {
		return err
	}
	if _, err := io.WriteString(f, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(f)
	enc.Indent("", "  ")
	if err := enc.Encode(p); err != nil {
		return err
	}
	if err := writeExtras(zw, extras); err != nil {
		return err
	}
	return zw.Close()
}

// A project's texts compress a few times over; an archive that inflates
// far more is a zip bomb (one huge entry, or many entries sharing the
// same compressed bytes), read no further.
const (
	maxInflation    = 40        // decompressed bytes per archive byte
	maxProjectBytes = 256 << 20 // decompressed, whatever the archive's size
)

// readArchive reads the entries a project uses (project.qde and its
// sources) within a decompression budget proportional to the archive.
func readArchive(zr *zip.Reader, name string, size int) (map[string][]byte, error) {
	limit := int64(min(maxProjectBytes, max(app.MaxFileSize, maxInflation*size)))
	budget := limit
	tooBig := func(entry string) error {
		return app.Errorf(app.EINVALID, "%s: expands to more than %d MiB at %s: not a REFI-QDA project (a zip bomb?)", name, limit>>20, entry)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		clean := path.Clean(f.Name)
		if f.FileInfo().IsDir() || clean != "project.qde" && clean != extrasFile && !strings.HasPrefix(clean, "sources/") {
			continue
		}
		if f.UncompressedSize64 > uint64(budget) {
			return nil, tooBig(f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, app.Errorf(app.EINVALID, "%s: %s: %v", name, f.Name, err)
		}
		// The sizes an archive declares can lie: count what inflates.
		b, err := io.ReadAll(io.LimitReader(rc, budget+1))
		rc.Close()
		if err != nil {
			return nil, app.Errorf(app.EINVALID, "%s: %s: %v", name, f.Name, err)
		}
		if budget -= int64(len(b)); budget < 0 {
			return nil, tooBig(f.Name)
		}
		files[clean] = b
	}
	return files, nil
}

// ImportQDPX stores a REFI-QDA project archive (or a bare project.qde with
// its texts inline): its codes as tags, its text sources as articles and
// its coded selections as annotations at the same text. A source or
// selection that cannot be used is reported and skipped.
func ImportQDPX(st app.Store, name string, data []byte, now time.Time) ([]ImportResult, error) {
	var files map[string][]byte
	var qde []byte
	if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
		if files, err = readArchive(zr, name, len(data)); err != nil {
			return nil, err
		}
		qde = files["project.qde"]
		if qde == nil {
			return nil, app.Errorf(app.EINVALID, "%s: not a REFI-QDA project: the archive has no project.qde", name)
		}
	} else {
		qde = data
	}
	var p qdaProject
	if err := xml.Unmarshal(qde, &p); err != nil {
		return nil, app.Errorf(app.EINVALID, "%s: project.qde is not a REFI-QDA project: %v", name, err)
	}
	extras, err := readExtras(name, files)
	if err != nil {
		return nil, err
	}

	users := map[string]string{}
	if p.Users != nil {
		for _, u := range p.Users.User {
			users[normGUID(u.GUID)] = u.Name
		}
	}
	tags := map[string]string{} // code GUID → tag path
	var codeNotes []noteOn
	if p.CodeBook != nil {
		// The whole code book is read before any tag is saved: a bad code
		// fails the file, leaving the tag set as it was.
		var defs []app.Tag
		var walk func(codes []*qdaCode, parent string) error
		walk = func(codes []*qdaCode, parent string) error {
			for _, c := range codes {
				seg := strings.ReplaceAll(strings.TrimSpace(c.Name), "/", "-")
				if seg == "" {
					seg = "code " + c.GUID
				}
				tagPath := seg
				if parent != "" {
					tagPath = parent + "/" + seg
				}
				tagPath, err := app.NormalizeTag(tagPath)
				if err != nil {
					return err
				}
				tags[normGUID(c.GUID)] = tagPath
				for _, n := range c.NoteRef {
					codeNotes = append(codeNotes, noteOn{kind: app.TagMemo, tag: tagPath, note: normGUID(n.TargetGUID)})
				}
				t := app.Tag{Path: tagPath, Description: strings.TrimSpace(c.Description)}
				if col, err := app.ParseColor(c.Color); err == nil {
					t.Color = col
				}
				defs = append(defs, t)
				if err := walk(c.Code, tagPath); err != nil {
					return err
				}
			}
			return nil
		}
		if err := walk(p.CodeBook.Codes.Code, ""); err != nil {
			return nil, app.WrapError(app.ErrorCode(err), err, "%s: codebook", name)
		}
		for _, t := range defs {
			if err := st.SaveTag(t); err != nil {
				return nil, err
			}
		}
	}
	vars := map[string]string{}
	if p.Variables != nil {
		for _, v := range p.Variables.Variable {
			vars[normGUID(v.GUID)] = strings.ToLower(v.Name)
		}
	}
	notes := map[string]string{}
	noteRecs := map[string]qdaTextSource{}
	if p.Notes != nil {
		for _, n := range p.Notes.Note {
			text := n.PlainTextContent
			if text == "" && n.PlainTextPath != "" {
				if b, err := sourceFile(files, n.PlainTextPath); err == nil {
					text = string(b)
				}
			}
			notes[normGUID(n.GUID)] = strings.TrimSpace(text)
			noteRecs[normGUID(n.GUID)] = n
		}
	}
	memos := qdaMemos{st: st, name: name, notes: noteRecs, texts: notes, users: users, uris: extras.memoURIs(), now: now}
	for _, n := range p.NoteRef {
		memos.want(noteOn{kind: app.ProjectMemo, note: normGUID(n.TargetGUID)})
	}
	for _, n := range codeNotes {
		memos.want(n)
	}

	if p.Sources == nil {
		return memos.store(p), nil
	}
	m := qdaMaps{users: users, tags: tags, vars: vars, notes: notes, selections: extras.selections()}
	// Every text first, in order, each later revision joined to the one
	// before it; then the selections, so none is re-anchored by a
	// revision of the same project arriving after it.
	revisedBy := extras.revisedBy()
	texts := make([]*qdaText, len(p.Sources.TextSource))
	results := make([][]ImportResult, len(texts))
	stored := map[string]*qdaText{} // by source GUID
	revisions := map[qdaRevisionKey]int{}
	for i, src := range p.Sources.TextSource {
		var revises app.ArticleID
		if prev := stored[revisedBy[normGUID(src.GUID)]]; prev != nil {
			revises = prev.article
		}
		res, text := importQDAText(st, name, files, src, m, revises, now)
		results[i] = []ImportResult{res}
		if text != nil {
			for _, n := range src.NoteRef {
				memos.want(noteOn{kind: app.ArticleMemo, article: text.article, note: normGUID(n.TargetGUID)})
			}
			texts[i], stored[normGUID(src.GUID)] = text, text
			if text.exported > 0 {
				revisions[qdaRevisionKey{text.article, text.exported}] = text.rev.Number
			}
		}
	}
	var out []ImportResult
	for i, src := range p.Sources.TextSource {
		if texts[i] != nil {
			results[i] = append(results[i], importQDASelections(st, name, src, texts[i], m, revisions)...)
		}
		out = append(out, results[i]...)
	}
	return append(out, memos.store(p)...), nil
}

type qdaMaps struct {
	users, tags, vars, notes map[string]string
	selections               map[string]selectionExtras
}

// qdaText is a source stored as an article's revision.
type qdaText struct {
	label    string
	article  app.ArticleID
	rev      app.Revision // as stored
	exported int          // its number in the exporting store (the Revision variable), or 0
	runes    []rune       // the source's plain text, which selection positions count
	offsets  []int        // rune in the plain text → rune in rev.Body
	imported time.Time
}

// qdaRevisionKey is an article here and a revision number in the store
// that exported it: the history of an annotation names those numbers.
type qdaRevisionKey struct {
	article  app.ArticleID
	exported int
}

func normGUID(g string) string { return strings.ToLower(strings.Trim(g, "{} ")) }

// sourceFile resolves a plainTextPath inside the archive.
func sourceFile(files map[string][]byte, p string) ([]byte, error) {
	rel, internal := strings.CutPrefix(p, "internal://")
	if !internal && (strings.Contains(p, "://") || path.IsAbs(p)) {
		return nil, fmt.Errorf("its text %s is outside the project archive", p)
	}
	if b, ok := files[path.Clean("sources/"+rel)]; ok {
		return b, nil
	}
	if b, ok := files[path.Clean(rel)]; ok {
		return b, nil
	}
	return nil, fmt.Errorf("its text %s is missing from the archive", p)
}

// sourceMeta reads a source's variables into an article's metadata, and
// the revision number the exporting store gave it (0 if none).
func sourceMeta(src qdaTextSource, label string, vars map[string]string) (app.Meta, int) {
	var meta app.Meta
	exported := 0
	for _, v := range src.VariableValue {
		val := strings.TrimSpace(v.TextValue + v.BooleanValue + v.IntegerValue + v.DateValue + v.DateTimeValue)
		switch vars[normGUID(v.VariableRef.TargetGUID)] {
		case "outlet", "source", "media", "publisher":
			meta.Outlet = app.NormalizeParagraph(val)
		case "published", "date", "publication date":
			for _, layout := range []string{time.RFC3339, "2006-01-02"} {
				if t, err := time.Parse(layout, val); err == nil {
					meta.Published = t.UTC()
					break
				}
			}
		case "url", "link":
			meta.URL = val
		case "byline", "author":
			meta.Byline = app.NormalizeParagraph(val)
		case "dateline":
			meta.Dateline = app.NormalizeParagraph(val)
		case "language":
			meta.Language = val
		case "partial":
			meta.Partial, _ = strconv.ParseBool(val)
		case "revision":
			exported, _ = strconv.Atoi(val)
		case "file":
			meta.Origin.Path = val
		case "feed":
			meta.Origin.Feed = val
		case "feed item":
			meta.Origin.GUID = val
		}
	}
	// An earlier revision is named "Title [revision N]" for other tools'
	// lists; its title is the part before.
	if exported > 0 {
		label = strings.TrimSuffix(label, fmt.Sprintf(" [revision %d]", exported))
	}
	meta.Title = app.NormalizeParagraph(label)
	return meta, max(exported, 0)
}

// importQDAText stores a source's text, as a revision of the article
// revises when that is set.
func importQDAText(st app.Store, name string, files map[string][]byte, src qdaTextSource, m qdaMaps, revises app.ArticleID, now time.Time) (ImportResult, *qdaText) {
	label := src.Name
	if label == "" {
		label = strings.TrimSuffix(path.Base(strings.TrimPrefix(src.PlainTextPath, "internal://")), ".txt")
	}
	res := ImportResult{Item: "source " + label}
	fail := func(format string, args ...any) (ImportResult, *qdaText) {
		res.Err = app.Errorf(app.EINVALID, "%s: source %q: "+format, append([]any{name, label}, args...)...)
		return res, nil
	}
	text := src.PlainTextContent
	if text == "" {
		if src.PlainTextPath == "" {
			return fail("has no text")
		}
		b, err := sourceFile(files, src.PlainTextPath)
		if err != nil {
			return fail("%v", err)
		}
		text = strings.TrimPrefix(string(b), "\ufeff")
	}
	body, offsets := app.BodyFromPlainText(text)
	if body == "" {
		return fail("its text is empty")
	}
	meta, exported := sourceMeta(src, label, m.vars)
	meta.Imported = now.UTC().Truncate(time.Second)
	if meta.Origin == (app.Origin{}) {
		meta.Origin = app.Origin{Path: name + "#" + src.GUID}
	}
	meta.Hash, meta.Words = app.HashAndCount(meta.Title, body)
	meta.Paragraphs = len(app.Paragraphs(body))
	stored, err := st.Ingest([]app.Draft{{Meta: meta, Body: body, Revises: revises}})
	if err == nil {
		err = stored[0].Err
	}
	if err != nil {
		res.Err = err
		return res, nil
	}
	res.Article, res.Text, res.Outcome = stored[0].ID, true, stored[0].Outcome
	rev, err := st.FindRevision(stored[0].ID, stored[0].Revision)
	if err != nil {
		res.Err = err
		return res, nil
	}
	var articleTags []string
	for _, c := range src.Coding {
		if t, ok := m.tags[normGUID(c.CodeRef.TargetGUID)]; ok {
			articleTags = append(articleTags, t)
		}
	}
	if len(articleTags) > 0 {
		if _, err := st.TagArticle(stored[0].ID, articleTags); err != nil {
			res.Err = err
		}
	}
	return res, &qdaText{label: label, article: stored[0].ID, rev: rev, exported: exported, runes: []rune(text), offsets: offsets, imported: meta.Imported}
}

// importQDASelections stores a source's coded selections as annotations
// on its stored text; what Parallax exported beside the project (colour,
// status, history) comes back with them.
func importQDASelections(st app.Store, name string, src qdaTextSource, t *qdaText, m qdaMaps, revisions map[qdaRevisionKey]int) []ImportResult {
	bodyText := anchor.NewText(t.rev.Body)
	mover := anchor.NewMover(nil, bodyText)
	label := t.label
	var out []ImportResult
	var batch []app.Annotation
	var owners []int // out index of each annotation in batch
	for _, sel := range src.Selections {
		r := ImportResult{Item: "selection " + sel.GUID, Article: t.article}
		s, e := sel.StartPosition, sel.EndPosition
		if s < 0 || e > len(t.runes) || s >= e {
			r.Err = app.Errorf(app.EINVALID, "%s: source %q: selection %s: positions %d–%d are outside the text (0–%d)", name, label, sel.GUID, s, e, len(t.runes))
			out = append(out, r)
			continue
		}
		quote := app.NormalizeParagraph(string(t.runes[s:e]))
		if quote == "" {
			r.Err = app.Errorf(app.EINVALID, "%s: source %q: selection %s covers only white space", name, label, sel.GUID)
			out = append(out, r)
			continue
		}
		bs, be := t.offsets[s], t.offsets[e]
		hint := anchor.Selector{Start: bs, End: be, Quote: quote}
		// Trim the white space a selection may start or end on.
		if d, ok := bodyText.Describe(bs, be); ok {
			trimmedStart := len([]rune(d.Quote)) - len([]rune(strings.TrimLeft(d.Quote, " \n")))
			hint.Start = bs + trimmedStart
			hint.End = hint.Start + len([]rune(strings.TrimSpace(d.Quote)))
		}
		found := mover.Anchor(hint)
		if found.Status == anchor.Orphaned {
			r.Err = app.Errorf(app.ENOTFOUND, "%s: source %q: selection %s: text %q not found", name, label, sel.GUID, app.Excerpt(quote, 60))
			out = append(out, r)
			continue
		}
		a := app.Annotation{
			URI: "urn:uuid:" + normGUID(sel.GUID), Article: t.article, Revision: t.rev.Number,
			Selector: found.Selector, Status: anchor.Anchored, Color: app.DefaultColor,
			Analyst: m.users[normGUID(sel.CreatingUser)],
		}
		if x, ok := m.selections[normGUID(sel.GUID)]; ok {
			applyExtras(&a, x, revisions)
		}
		a.Created, _ = time.Parse(time.RFC3339, sel.CreationDateTime)
		if a.Created.IsZero() {
			a.Created = t.imported
		}
		if a.Modified, _ = time.Parse(time.RFC3339, sel.ModifiedDateTime); a.Modified.IsZero() {
			a.Modified = a.Created
		}
		for _, c := range sel.Coding {
			if tag, ok := m.tags[normGUID(c.CodeRef.TargetGUID)]; ok {
				a.Tags = append(a.Tags, tag)
			}
			if a.Analyst == "" {
				a.Analyst = m.users[normGUID(c.CreatingUser)]
			}
		}
		var ns []string
		if d := strings.TrimSpace(sel.Description); d != "" {
			ns = append(ns, d)
		}
		for _, n := range sel.NoteRef {
			if text := m.notes[normGUID(n.TargetGUID)]; text != "" {
				ns = append(ns, text)
			}
		}
		a.Note = strings.Join(ns, "\n\n")
		if prev, err := st.FindAnnotationByURI(a.URI); err == nil {
			a.ID, r.Updated = prev.ID, true
		}
		if err := a.CheckFields(); err != nil {
			r.Err = app.WrapError(app.ErrorCode(err), err, "%s: selection %s", name, sel.GUID)
			out = append(out, r)
			continue
		}
		batch, owners = append(batch, a), append(owners, len(out))
		out = append(out, r)
	}
	// One transaction and one sync for the source's selections; if that
	// fails, one by one, so only the selection at fault fails.
	saved, err := st.SaveAnnotations(batch)
	if err != nil {
		saved = make([]app.Annotation, len(batch))
		for k := range batch {
			if saved[k], err = st.SaveAnnotation(batch[k]); err != nil {
				out[owners[k]].Err = app.WrapError(app.ErrorCode(err), err, "%s: %s", name, out[owners[k]].Item)
			}
		}
	}
	for k, a := range saved {
		if r := &out[owners[k]]; r.Err == nil {
			r.Annotation, r.Status = a.ID, a.Status
		}
	}
	return out
}

// applyExtras gives an annotation what its project's extras kept of it;
// revision numbers in its history are translated to this store's.
func applyExtras(a *app.Annotation, x selectionExtras, revisions map[qdaRevisionKey]int) {
	if x.URI != "" {
		a.URI = x.URI
	}
	if c, err := app.ParseColor(x.Color); err == nil {
		a.Color = c
	}
	switch x.Status {
	case anchor.Anchored, anchor.Moved, anchor.Fuzzy, anchor.Orphaned:
		a.Status = x.Status
	}
	for _, h := range x.History {
		if n, ok := revisions[qdaRevisionKey{a.Article, h.Revision}]; ok {
			h.Revision = n
		}
		a.History = append(a.History, h)
	}
}
