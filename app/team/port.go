package team

import (
	"context"

	"github.com/parallax-news/parallax/app"
)

// Config is a store's membership of a team project.
type Config struct {
	URL     string `json:"url"`
	Project string `json:"project"`
	Analyst string `json:"analyst"`
	Creds   string `json:"creds,omitempty"` // a NATS credentials file
	// Seq is the stream sequence applied up to.
	Seq uint64 `json:"seq"`
	// Clock is the latest stamp handed out or seen, so a restart never
	// hands out an older one.
	Clock Stamp `json:"clock"`
}

// Mark says a thing changed in this store, and when: the store writes one
// in the transaction that changes the thing (the outbox), and Capture
// turns it into an op.
type Mark struct {
	Kind Kind
	ID   uint64 // the annotation, memo or article in this store
	Key  string // a deleted annotation's or memo's URI; a tag's path
	At   Stamp
	// Rename, on a mark of no kind, is a tag rename or merge.
	Rename *Rename
	// Ref is the store's own name for the mark, to clear exactly it.
	Ref []byte
}

// Captured is what one Capture step writes in one transaction: the
// states joined with the changes, the ops to publish, the article keys
// learnt, the renames, and the marks it consumed. The store clears a
// mark only if it is unchanged, and fails with ECONFLICT otherwise.
type Captured struct {
	States      []State
	Ops         []Op
	ArticleKeys map[string]app.ArticleID
	Renames     []Rename
	Marks       []Mark
	Clock       Stamp
	// Unplaced are annotations and memos that went with their article:
	// they are placed again if it comes back.
	Unplaced []State
}

// Change is what applying received ops does to one thing in this store.
// The store skips a change whose thing has a mark (it changed here since
// the last Capture), writing neither its states nor the thing.
type Change struct {
	States []State
	// At most one of the following.
	Annotation     *app.Annotation // saved by URI, placed (Article, Revision set)
	AnnotationGone string          // URI
	Memo           *app.Memo       // saved by URI
	MemoGone       string          // URI
	Tag            *app.Tag
	TagGone        string
	Article        app.ArticleID // with ArticleTags and ArticleMeta, or ArticleGone
	ArticleTags    []string
	ArticleMeta    func(app.Meta) (app.Meta, error)
	ArticleGone    bool
	ArticleKey     string // the key this article is known by
	// Unplaced marks a live annotation or memo whose article this store
	// does not have (yet): its state is kept and placed later.
	Unplaced *State
	// Placed clears an earlier Unplaced.
	Placed *State
}

// Applied is one batch of received ops.
type Applied struct {
	Changes []Change
	Renames []Rename
	Seq     uint64
	Clock   Stamp
}

// Store is what team sync needs from a store. store.Store implements it.
type Store interface {
	FindArticleByID(app.ArticleID) (app.Article, error)
	FindRevision(app.ArticleID, int) (app.Revision, error)
	FindRevisionByHash(string) (app.ArticleID, int, error)
	FindAnnotation(app.AnnotationID) (app.Annotation, error)
	FindAnnotationByURI(string) (app.Annotation, error)
	FindMemo(app.MemoID) (app.Memo, error)
	FindMemoByURI(string) (app.Memo, error)
	FindTag(string) (app.Tag, error)
	// TeamTagUses lists a tag and those below it, and what uses them:
	// articles, annotations by URI, memos by URI.
	TeamTagUses(root string) (tags []string, arts []app.ArticleID, annos []string, memos []string, err error)

	// TeamConfig returns ENOTFOUND when the store is in no team.
	TeamConfig() (Config, error)
	// JoinTeam saves the config, starts marking changes and marks
	// everything already stored, so that the first sync publishes it.
	JoinTeam(Config) error
	// LeaveTeam stops marking and forgets the team's state and outbox.
	LeaveTeam() error
	TeamClock() *Clock
	TeamMarks(limit int) ([]Mark, error)
	TeamStates(kind Kind, keys []string) (map[string]State, error)
	TeamArticleKeys(app.ArticleID) ([]string, error)
	TeamRenames() ([]Rename, error)
	TeamCapture(Captured) error
	TeamOutbox(limit int) ([]Op, error)
	TeamOutboxLen() (int, error)
	TeamPublished(ids []string) error
	// TeamIngest stores received texts without marking them.
	TeamIngest([]app.Draft) ([]app.Stored, error)
	// TeamApply writes a batch's changes, each in full or not at all, and
	// the sequence applied up to, in one transaction; it returns the
	// indexes of the changes it skipped because of a mark.
	TeamApply(Applied) ([]int, error)
	TeamUnplaced() ([]State, error)
	// TeamHold defers the store's upkeep (search index merges) while a
	// pull applies many ops, as a bulk import does; release ends it.
	TeamHold() (release func())
}

// Message is one op as the stream holds it.
type Message struct {
	Seq     uint64
	Subject string
	Data    []byte
}

// Transport carries ops between replicas. jetstream.Transport implements
// it over NATS JetStream; tests also use an in-memory one.
type Transport interface {
	// Publish sends ops on the subject and returns once the server has
	// stored every one (a republished op, same ID, is stored once).
	Publish(ctx context.Context, subject string, ops []Op) error
	// Pull calls fn with the stream's messages after sequence after, in
	// order and in batches, until it has passed the last one there was
	// when Pull started; it stops at fn's first error.
	Pull(ctx context.Context, after uint64, fn func([]Message) error) error
	Close() error
}

// ChangeError is a received change a store cannot take (an annotation
// whose span is not in its text, say); the syncer drops it, says why, and
// applies the rest again.
type ChangeError struct {
	Index int
	Err   error
}

func (e *ChangeError) Error() string { return e.Err.Error() }
func (e *ChangeError) Unwrap() error { return e.Err }
