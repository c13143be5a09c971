package app

import (
	"strconv"
	"time"

	"github.com/parallax-news/parallax/app/anchor"
)

// ArticleID identifies an article across all its revisions. IDs are small
// integers handed out in import order, so analysts can type them.
type ArticleID uint64

func (id ArticleID) String() string { return strconv.FormatUint(uint64(id), 10) }

// ParseArticleID parses the decimal form printed by String.
func ParseArticleID(s string) (ArticleID, error) {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n == 0 {
		return 0, Errorf(EINVALID, "%q is not an article ID (IDs are positive numbers, see 'list')", s)
	}
	return ArticleID(n), nil
}

// Origin says where a revision's text came from.
type Origin struct {
	// Path is the file it was read from ("-" for standard input).
	Path string `json:"path,omitempty"`
	// Feed is the feed's own URL when the text came from a feed item.
	Feed string `json:"feed,omitempty"`
	// GUID is the feed item's identifier.
	GUID string `json:"guid,omitempty"`
}

// Listing is what a list of the collection shows of an article without
// reading it: the title, outlet and dates of its latest revision.
type Listing struct {
	ID        ArticleID
	Title     string
	Outlet    string
	Published time.Time
	Imported  time.Time
}

// Meta is everything known about one revision except its body.
type Meta struct {
	Title     string    `json:"title"`
	Outlet    string    `json:"outlet,omitempty"`
	URL       string    `json:"url,omitempty"`
	Byline    string    `json:"byline,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Imported  time.Time `json:"imported"`
	Language  string    `json:"language,omitempty"`
	Dateline  string    `json:"dateline,omitempty"`
	// Hash is the hex SHA-256 of title and body with white space collapsed;
	// two revisions with the same hash are the same text.
	Hash   string `json:"hash"`
	Origin Origin `json:"origin"`
	// Partial marks a text that is only a summary (a feed item without
	// full content), so an analyst knows to fetch the rest.
	Partial    bool `json:"partial,omitempty"`
	Words      int  `json:"words"`
	Paragraphs int  `json:"paragraphs"`
	// Was holds the imported values once an analyst has edited them
	// (MetaEdit); nil for metadata as imported.
	Was *ImportedMeta `json:"asImported,omitempty"`
}

// Revision is one stored version of an article's text. Revisions are never
// overwritten: a changed text becomes a new revision.
type Revision struct {
	Number int `json:"revision"`
	Meta
	// Body is normalised plain text: NFC, single spaces, paragraphs
	// separated by one blank line ("\n\n"). Annotation offsets count code
	// points in this string.
	Body string `json:"body"`
}

// Article is an article as listed: its identity, tags and the metadata of
// its latest revision.
type Article struct {
	ID        ArticleID `json:"id"`
	Revisions int       `json:"revisions"`
	Tags      []string  `json:"tags,omitempty"`
	Meta
}

// Draft is a text ready to be stored: parsed, normalised and hashed, not
// yet matched against the store.
type Draft struct {
	Meta
	Body string
	Tags []string
	// Revises, when set, is the stored article this text is a revision
	// of, whatever its URL and title say: a project export knows which
	// texts are one article's history.
	Revises ArticleID
}

// Outcome says what storing one draft did.
type Outcome int

// Do not reorder: outcomes are printed and counted by name.
const (
	Imported    Outcome = iota // a new article
	Duplicate                  // the same text is stored already
	NewRevision                // a new text of an article already stored
	Failed                     // the draft could not be read or stored
)

func (o Outcome) String() string {
	switch o {
	case Imported:
		return "imported"
	case Duplicate:
		return "duplicate"
	case NewRevision:
		return "new revision"
	case Failed:
		return "failed"
	}
	return "outcome(" + strconv.Itoa(int(o)) + ")"
}

// Stored is the store's answer for one draft.
type Stored struct {
	Outcome  Outcome
	ID       ArticleID
	Revision int
	// Reanchored counts the article's annotations by how they were found
	// in a new revision.
	Reanchored map[anchor.Status]int
	// Err is set, and nothing of the draft stored, when the store cannot
	// take this draft (it is too large): the call's other drafts are
	// stored all the same.
	Err error
}

// Deleted is what deleting an article removed.
type Deleted struct {
	Article     Article
	Annotations []Annotation
	Memos       []Memo
}

// Stats summarises a store.
type Stats struct {
	Articles      int            `json:"articles"`
	Revisions     int            `json:"revisions"`
	Partial       int            `json:"partial"`
	Outlets       map[string]int `json:"outlets"`
	Languages     map[string]int `json:"languages"`
	Words         int64          `json:"words"`
	SchemaVersion int            `json:"schema_version"`
	DiskBytes     int64          `json:"disk_bytes"`
}
