package exchange

import (
	"strings"
	"time"

	"github.com/parallax-news/parallax/app"
)

// Memos travel in a REFI-QDA project as Notes: the project's referenced
// from Project/NoteRef, a code's from its Code/NoteRef, an article's from
// its latest TextSource/NoteRef. A passage's memo is its annotation's
// note, a selection's NoteRef.

// memoGUID reuses the UUID of a urn:uuid URI, so a memo keeps its identity
// through a round trip; a memo with another URI gets a stable GUID and
// its URI in the extras.
func memoGUID(uri string) string {
	if u, ok := strings.CutPrefix(uri, "urn:uuid:"); ok && isGUID(u) {
		return strings.ToLower(u)
	}
	return guid("memo:" + uri)
}

// memoNote is a memo as a Note, with the extras that restore its URI
// (zero when the GUID says it already).
func memoNote(m app.Memo, user string) (qdaTextSource, memoExtras) {
	g := memoGUID(m.URI)
	n := qdaTextSource{GUID: g, Name: m.Title(), CreatingUser: user,
		CreationDateTime: qdaTime(m.Created), ModifiedDateTime: qdaTime(m.Modified), PlainTextContent: m.Text}
	var x memoExtras
	if m.URI != "urn:uuid:"+g {
		x = memoExtras{GUID: g, URI: m.URI}
	}
	return n, x
}

// noteOn is a Note some element points at, and what it becomes.
type noteOn struct {
	kind    app.MemoKind
	article app.ArticleID
	tag     string
	note    string // normalised GUID
}

// qdaMemos gathers the notes a project attaches to itself, its codes and
// its sources, and stores them as memos once the articles are in.
type qdaMemos struct {
	st    app.Store
	name  string
	notes map[string]qdaTextSource // by normalised GUID
	texts map[string]string        // each note's text, read
	users map[string]string
	uris  map[string]string
	now   time.Time
	todo  []noteOn
}

func (q *qdaMemos) want(n noteOn) { q.todo = append(q.todo, n) }

// store saves the memos wanted and, as project memos, the notes nothing
// in the project points at (a tool's journal or free memos), so no note
// is lost on the way in.
func (q *qdaMemos) store(p qdaProject) []ImportResult {
	used := map[string]bool{}
	for _, n := range q.todo {
		used[n.note] = true
	}
	if p.Sources != nil {
		for _, src := range p.Sources.TextSource {
			for _, sel := range src.Selections {
				for _, n := range sel.NoteRef {
					used[normGUID(n.TargetGUID)] = true
				}
			}
		}
	}
	if p.Notes != nil {
		for _, n := range p.Notes.Note {
			if g := normGUID(n.GUID); !used[g] {
				q.want(noteOn{kind: app.ProjectMemo, note: g})
				used[g] = true
			}
		}
	}
	var out []ImportResult
	for _, on := range q.todo {
		n, ok := q.notes[on.note]
		r := ImportResult{Item: "note " + on.note, Article: on.article}
		if !ok {
			r.Err = app.Errorf(app.EINVALID, "%s: note %s is referenced but not in the project's Notes", q.name, on.note)
			out = append(out, r)
			continue
		}
		if n.Name != "" {
			r.Item = "note " + app.Excerpt(n.Name, 60)
		}
		m := app.Memo{Kind: on.kind, Article: on.article, Tag: on.tag, Text: q.texts[on.note],
			Analyst: q.users[normGUID(n.CreatingUser)], URI: "urn:uuid:" + on.note}
		if uri := q.uris[on.note]; uri != "" {
			m.URI = uri
		}
		if m.Text == "" {
			continue // an empty note says nothing to keep
		}
		m.Created, _ = time.Parse(time.RFC3339, n.CreationDateTime)
		if m.Created.IsZero() {
			m.Created = q.now.UTC().Truncate(time.Second)
		}
		if m.Modified, _ = time.Parse(time.RFC3339, n.ModifiedDateTime); m.Modified.IsZero() {
			m.Modified = m.Created
		}
		m.Created, m.Modified = m.Created.UTC(), m.Modified.UTC()
		if prev, err := q.st.FindMemoByURI(m.URI); err == nil {
			m.ID, r.Updated = prev.ID, true
		}
		saved, err := q.st.SaveMemo(m)
		if err != nil {
			r.Err = app.WrapError(app.ErrorCode(err), err, "%s: %s", q.name, r.Item)
		} else {
			r.Memo = saved.ID
		}
		out = append(out, r)
	}
	return out
}
