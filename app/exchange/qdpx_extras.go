package exchange

import (
	"archive/zip"
	"encoding/json"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
)

// extrasFile holds, beside project.qde, what a REFI-QDA project has no
// place for: which sources are one article's revisions, and each
// selection's colour, anchoring status and history. Other tools read
// project.qde and sources/ and ignore it; Parallax reads it back, so a
// Parallax → qdpx → Parallax round trip loses nothing.
const (
	extrasFile   = "parallax.json"
	extrasFormat = "parallax-qdpx-extras"
)

type qdpxExtras struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	// Articles lists the source GUIDs of each article with more than one
	// revision, oldest first.
	Articles   [][]string        `json:"articles,omitempty"`
	Selections []selectionExtras `json:"selections,omitempty"`
	// Memos keeps the identity of memos whose URI is not urn:uuid:GUID.
	Memos []memoExtras `json:"memos,omitempty"`
}

type memoExtras struct {
	GUID string `json:"guid"`
	URI  string `json:"uri"`
}

func (x qdpxExtras) memoURIs() map[string]string {
	m := make(map[string]string, len(x.Memos))
	for _, mx := range x.Memos {
		m[normGUID(mx.GUID)] = mx.URI
	}
	return m
}

type selectionExtras struct {
	GUID string `json:"guid"`
	// URI is the annotation's own identity when it is not urn:uuid:GUID
	// (an annotation imported from a W3C collection keeps its id).
	URI     string          `json:"uri,omitempty"`
	Color   string          `json:"color,omitempty"`
	Status  anchor.Status   `json:"status,omitempty"`
	History []app.Anchoring `json:"history,omitempty"`
}

func extrasOf(selGUID string, a app.Annotation) selectionExtras {
	x := selectionExtras{GUID: selGUID, Color: a.Color, Status: a.Status, History: a.History}
	if a.URI != "urn:uuid:"+selGUID {
		x.URI = a.URI
	}
	return x
}

func writeExtras(zw *zip.Writer, x qdpxExtras) error {
	f, err := zw.CreateHeader(&zip.FileHeader{Name: extrasFile, Method: zip.Deflate, Modified: time.Unix(0, 0).UTC()})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", "  ")
	return enc.Encode(x)
}

// readExtras reads the archive's extras, if it has them. A file that is
// there but unreadable fails the import: taking the project without it
// would silently lose colours and history.
func readExtras(name string, files map[string][]byte) (qdpxExtras, error) {
	var x qdpxExtras
	b, ok := files[extrasFile]
	if !ok {
		return x, nil
	}
	if err := json.Unmarshal(b, &x); err != nil {
		return x, app.Errorf(app.EINVALID, "%s: %s is damaged: %v", name, extrasFile, err)
	}
	if x.Format != extrasFormat || x.Version != 1 {
		return x, app.Errorf(app.EINVALID, "%s: %s is format %q version %d; this Parallax reads %q version 1", name, extrasFile, x.Format, x.Version, extrasFormat)
	}
	return x, nil
}

// revisedBy maps each source GUID that is a later revision to the GUID of
// the revision before it.
func (x qdpxExtras) revisedBy() map[string]string {
	prev := map[string]string{}
	for _, guids := range x.Articles {
		for i := 1; i < len(guids); i++ {
			prev[normGUID(guids[i])] = normGUID(guids[i-1])
		}
	}
	return prev
}

func (x qdpxExtras) selections() map[string]selectionExtras {
	m := make(map[string]selectionExtras, len(x.Selections))
	for _, s := range x.Selections {
		m[normGUID(s.GUID)] = s
	}
	return m
}
