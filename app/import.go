package app

import (
	"time"

	"github.com/parallax-news/parallax/app/anchor"
)

// MaxFileSize is the largest file an import reads; real articles, pages
// and feeds are far smaller, and the cap keeps a stray disk image out.
const MaxFileSize = 64 << 20

// MaxArticleBytes bounds one article's text. The longest reports run to a
// megabyte or two; a text far beyond that is a dump or a book, and
// indexing it as one article would take gigabytes of memory.
const MaxArticleBytes = 8 << 20

// ImportProgress is a running count.
type ImportProgress struct {
	Files, FilesDone                        int
	Imported, Duplicates, Revisions, Failed int
	Annotations                             int // stored from annotation files
	Memos                                   int // stored from annotation files
	Elapsed                                 time.Duration
}

// ImportResult is what happened to one article found in a file (a feed
// gives one per item), to one annotation in an annotation file, or to a
// file that failed.
type ImportResult struct {
	Path     string
	Item     int // 1-based item in a feed
	Format   string
	Outcome  Outcome
	ID       ArticleID
	Revision int
	Title    string
	// Annotation is set for an annotation imported from an annotation
	// file, Anchor says how it was placed; Label names what the result is
	// about inside its file ("selection …", "source …").
	Annotation AnnotationID
	Anchor     anchor.Status
	Label      string
	// Memo is set for a memo imported from an annotation file.
	Memo MemoID
	// Reanchored counts, for a new revision, how the article's
	// annotations were carried over.
	Reanchored map[anchor.Status]int
	Err        error
}

// ImportReport sums up an import.
type ImportReport struct {
	ImportProgress
	Results []ImportResult
	// Skipped lists the folders passed over, and why.
	Skipped []Skip
	// Salvaged lists the files read only in part (a broken feed's whole
	// items), and what was lost.
	Salvaged []Skip
	Canceled bool
}

// Skip is a folder an import passed over on purpose.
type Skip struct {
	Path, Reason string
}

// AnnotationFormat is a file format that carries annotations, and maybe
// the texts they mark, rather than one article: W3C Web Annotation
// JSON-LD, REFI-QDA projects. The exchange package provides them; the
// importer stores such files in file order like any other.
type AnnotationFormat interface {
	Name() string
	// Claims says from a file's name and content whether it is in this format.
	Claims(path string, data []byte) bool
	// Import stores the file's contents. The error is non-nil only when
	// the file as a whole cannot be read.
	Import(path string, data []byte, now time.Time) ([]ImportResult, error)
}
