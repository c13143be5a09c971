package app

// ArticleStore is what the services need from storage. store.Store
// implements it with Badger; every method is safe for concurrent use.
type ArticleStore interface {
	// Ingest stores drafts in order, each de-duplicated by content hash and
	// matched to an existing article by URL or by outlet and title. It
	// returns one Stored per draft; a draft the store cannot take fails
	// alone, in its Stored's Err. An error means the store failed.
	Ingest(drafts []Draft) ([]Stored, error)
	// FindArticleByID returns ENOTFOUND if there is no such article.
	FindArticleByID(id ArticleID) (Article, error)
	// FindRevision returns revision n of an article (0: the latest), or
	// ENOTFOUND.
	FindRevision(id ArticleID, n int) (Revision, error)
	// FindArticleByURL returns the article stored under a URL (compared by
	// URLKey), or ENOTFOUND.
	FindArticleByURL(url string) (ArticleID, error)
	// FindRevisionByHash returns the revision whose text has a content
	// hash, or ENOTFOUND.
	FindRevisionByHash(hash string) (ArticleID, int, error)
	// ForEachArticle calls fn for every article in ID order until fn
	// returns an error, which it passes back.
	ForEachArticle(fn func(Article) error) error
	// DeleteArticle removes an article with every revision and
	// annotation, and returns what it removed; ENOTFOUND if there is no
	// such article.
	DeleteArticle(id ArticleID) (Deleted, error)
	// UpdateMeta replaces each article's latest revision's metadata with
	// what change makes of it (the text stays), in one transaction. An
	// article fails alone, in its Edited's Err: ENOTFOUND if there is no
	// such article, change's error, ECONFLICT if another article is at
	// the new URL. An error means the store failed.
	UpdateMeta(ids []ArticleID, change func(Meta) (Meta, error)) ([]Edited, error)
	// Stats counts what is stored.
	Stats() (Stats, error)
	// Sync makes every committed write durable on disk.
	Sync() error
}

// Reader is the read side of a store: what the app's screens and the
// exports look at. Writes go through the services (Annotator, the
// importer) and TagStore.
type Reader interface {
	FindArticleByID(id ArticleID) (Article, error)
	FindRevision(id ArticleID, n int) (Revision, error)
	ForEachArticle(fn func(Article) error) error
	FindAnnotation(id AnnotationID) (Annotation, error)
	ForEachAnnotation(f AnnotationFilter, fn func(Annotation) error) error
	Tags() ([]TagInfo, error)
	ForEachMemo(f MemoFilter, fn func(Memo) error) error
	Stats() (Stats, error)
}

// BulkStore is a store that takes large imports: it does a batch's CPU
// work (hashing, and tokenising for its search index) before the batch's
// transaction, so an importer prepares the next batch while the store
// writes the last, and it defers upkeep (index merges) until the import
// ends. store.Store implements it.
type BulkStore interface {
	BeginImport() Import
}

// Import is one bulk import under way. Batches are written in the order
// they were prepared; End is called once, after the last Write, failed
// or not.
type Import interface {
	// Prepare starts preparing drafts in the background; the caller must
	// not touch them until Write returns.
	Prepare(drafts []Draft) PreparedBatch
	// Write stores a prepared batch as Ingest would.
	Write(PreparedBatch) ([]Stored, error)
	// End makes the import's writes durable and lets deferred upkeep run.
	End() error
}

// PreparedBatch is a batch of drafts that an Import prepared.
type PreparedBatch interface {
	Drafts() []Draft
}
