package search

// DocKind says what an indexed document is.
type DocKind uint8

const (
	ArticleDoc    DocKind = 1 // an article's latest revision: title then body
	AnnotationDoc DocKind = 2 // an annotation's quote then note
	MemoDoc       DocKind = 3 // a memo's text; Article is set for an article's memo
)

// Doc is what the index keeps about one indexed document, in memory.
// Document numbers are handed out afresh each time a text is indexed, so
// postings lists only ever grow at the end; a replaced or deleted
// document simply stops being live.
type Doc struct {
	Kind DocKind
	// ID is the article's or the annotation's ID.
	ID uint64
	// Article is the annotated article, for an annotation, and the
	// article a memo is about.
	Article uint64
	// TitleLen is the number of title positions: body positions start
	// at TitleLen + TitleGap, so no phrase spans title and body.
	TitleLen uint32
	// Len counts the document's words, for BM25.
	Len uint32
	// Date is the publication date (else the import date), Unix seconds.
	Date int64
	// Outlet is the article's outlet.
	Outlet string
}

// TitleGap separates title and body positions.
const TitleGap = 8

// PostingList is one term's postings in document order. Positions are
// only filled when asked for: Pos[PosOff[i]:PosOff[i+1]] are Docs[i]'s.
type PostingList struct {
	Docs   []uint32
	Freqs  []uint32
	Pos    []uint32
	PosOff []uint32
}

// Len is the number of documents in the list.
func (l *PostingList) Len() int { return len(l.Docs) }

// Positions returns the positions of the i'th document.
func (l *PostingList) Positions(i int) []uint32 { return l.Pos[l.PosOff[i]:l.PosOff[i+1]] }

// Index is a consistent read-only view of the inverted index, valid
// during one Store.SearchIndex call.
type Index interface {
	// Postings returns a term's postings, live or not.
	Postings(term string, positions bool) (*PostingList, error)
	// DocFreqs counts the documents, live or not, that hold each term:
	// its postings' length, without reading them.
	DocFreqs(terms []string) ([]int, error)
	// Terms returns up to max indexed terms beginning with prefix, in
	// order, and whether there were more.
	Terms(prefix string, max int) ([]string, bool, error)
	// Doc returns a live document.
	Doc(n uint32) (Doc, bool)
	// ArticleDoc is the live document of an article.
	ArticleDoc(article uint64) (uint32, bool)
	// Articles counts live article documents and their average length.
	Articles() (count int, avgLen float64)
	// ForEachArticleDoc calls fn for every live article document in
	// document order.
	ForEachArticleDoc(fn func(n uint32, d Doc))
	// TaggedArticles returns the articles that carry a tag or one of its
	// children, themselves or through an annotation.
	TaggedArticles(tag string) (map[uint64]bool, error)
}
