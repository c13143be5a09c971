package store

import (
	"crypto/sha256"
	"encoding/binary"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/team"
)

// Key prefixes. Every key the store writes starts with one of these bytes.
// Do not reorder this list or reuse a value: keys are on users' disks. New
// prefixes go at the end; a change of layout needs a schema migration.
const (
	prefixSystem   byte = 0x00 // system keys below: schema version, counters
	prefixArticle  byte = 0x01 // 0x01 id(8) → app.Article (head: latest revision's metadata, tags)
	prefixRevision byte = 0x02 // 0x02 id(8) rev(4) → app.Revision (body and metadata)
	prefixHash     byte = 0x03 // 0x03 sha256(32) → id(8) rev(4): de-duplication
	prefixURL      byte = 0x04 // 0x04 lookupKey(URLKey) → id(8): revisions of the same page
	prefixTitle    byte = 0x05 // 0x05 lookupKey(TitleKey) → id(8): revisions of the same outlet+title
	prefixTag      byte = 0x06 // 0x06 tag 0x00 id(8) → empty: articles by tag
	prefixTagDef   byte = 0x07 // 0x07 tag path → app.Tag (colour, description)
	prefixAnno     byte = 0x08 // 0x08 annotation id(8) → app.Annotation
	prefixArtAnno  byte = 0x09 // 0x09 article id(8) annotation id(8) → empty: annotations by article
	prefixAnnoTag  byte = 0x0A // 0x0A tag 0x00 annotation id(8) → empty: annotations by tag
	prefixAnnoURI  byte = 0x0B // 0x0B lookupKey(URI) → annotation id(8): re-imports update, not copy
	// The search index's (index.Keys, handed over in indexdb.go; their
	// layouts are in store/index/kv.go).
	prefixSegment byte = 0x0C // 0x0C segment(4) last term of chunk → chunk of postings
	prefixDoc     byte = 0x0D // 0x0D doc(4) → indexed document: kind, id, lengths, date, outlet
	prefixDocOf   byte = 0x0E // 0x0E kind(1) id(8) → doc(4): the live document of an article or annotation
	prefixSig     byte = 0x0F // 0x0F article id(8) → similarity signature of its latest revision
	prefixMemo    byte = 0x10 // 0x10 memo id(8) → app.Memo
	prefixMemoURI byte = 0x11 // 0x11 lookupKey(URI) → memo id(8): re-imports update, not copy
	prefixArtMemo byte = 0x12 // 0x12 article id(8) memo id(8) → empty: memos by article
	prefixFlush   byte = 0x13 // 0x13 → empty: written and dropped to flush Badger's memtables (indexdb.go)
	// Team mode (team.go).
	prefixTeamMark     byte = 0x14 // 0x14 kind(1) id(8) or path → markRecord: a thing changed here since the last capture
	prefixTeamState    byte = 0x15 // 0x15 kind(1) lookupKey(key) → team.State: what the team knows of a thing
	prefixTeamOutbox   byte = 0x16 // 0x16 seq(8) → team.Op: captured, not yet stored by the server
	prefixTeamArtKey   byte = 0x17 // 0x17 article id(8) key → empty: the keys the team knows an article by
	prefixTeamUnplaced byte = 0x18 // 0x18 kind(1) lookupKey(key) → empty: an annotation or memo whose article is not here yet
	prefixTeamRename   byte = 0x19 // 0x19 from 0x00 stamp → team.Rename (renameKey)
	prefixListing      byte = 0x1A // 0x1A id(8) → listing record: the head's title, outlet and dates (encodeListing)
	prefixSketch       byte = 0x1B // 0x1B article id(8) → the sketch of its similarity signature (index.Keys.Sketch)

	prefixLast = prefixSketch // the highest in use: move it with each new prefix
)

// System keys, all under prefixSystem. The search index keeps its own
// there too: seq/d, seq/g and index/segs (store/index/kv.go).
var (
	keySchema     = []byte{prefixSystem, 's', 'c', 'h', 'e', 'm', 'a'}
	keyArticleSeq = []byte{prefixSystem, 's', 'e', 'q', '/', 'a'}
	keyAnnoSeq    = []byte{prefixSystem, 's', 'e', 'q', '/', 'n'}
	keyMemoSeq    = []byte{prefixSystem, 's', 'e', 'q', '/', 'm'}
	keyMarkSeq    = []byte{prefixSystem, 's', 'e', 'q', '/', 'k'} // numbers rename marks
	keyOutboxSeq  = []byte{prefixSystem, 's', 'e', 'q', '/', 'o'}
	keyTeam       = []byte{prefixSystem, 't', 'e', 'a', 'm'} // team.Config
	// keyIndexRebuild marks a search index being rebuilt from scratch;
	// Open finishes the rebuild when it finds it.
	keyIndexRebuild = []byte{prefixSystem, 'i', 'n', 'd', 'e', 'x', '/', 'r', 'e', 'b', 'u', 'i', 'l', 'd'}
	// keyListingBackfill marks listing records still to be written for
	// the articles of a store from before them; Open writes them.
	keyListingBackfill = []byte{prefixSystem, 'l', 'i', 's', 't', 'i', 'n', 'g', '/', 'b', 'a', 'c', 'k', 'f', 'i', 'l', 'l'}
	// keySketchBackfill marks the signatures' sketches still to be
	// written, for a store from before them; Open writes them.
	keySketchBackfill = []byte{prefixSystem, 's', 'k', 'e', 't', 'c', 'h', '/', 'b', 'a', 'c', 'k', 'f', 'i', 'l', 'l'}
	// keyTagJob holds a tag rename, merge or delete under way (tagjob.go);
	// Open finishes it when it finds it.
	keyTagJob = []byte{prefixSystem, 't', 'a', 'g', '/', 'j', 'o', 'b'}
	// keyRestoring marks a restore under way: one that a kill cut short
	// starts again from empty.
	keyRestoring = []byte{prefixSystem, 'r', 'e', 's', 't', 'o', 'r', 'i', 'n', 'g'}
)

// Integers in keys are big-endian so that byte order is numeric order.
// Each key has its encoder here and, where the store reads keys back from
// a scan, its decoder beside it: no other file knows a key's layout.

func articleKey(id app.ArticleID) []byte {
	k := make([]byte, 9)
	k[0] = prefixArticle
	binary.BigEndian.PutUint64(k[1:], uint64(id))
	return k
}

func listingKey(id app.ArticleID) []byte {
	k := articleKey(id)
	k[0] = prefixListing
	return k
}

// keyID is the 8-byte ID after a key's prefix byte: the article of an
// articleKey or sigKey, the annotation of an annoKey.
func keyID(k []byte) uint64 { return binary.BigEndian.Uint64(k[1:9]) }

func revisionPrefix(id app.ArticleID) []byte {
	k := make([]byte, 9)
	k[0] = prefixRevision
	binary.BigEndian.PutUint64(k[1:], uint64(id))
	return k
}

func revisionKey(id app.ArticleID, rev int) []byte {
	k := make([]byte, 13)
	copy(k, revisionPrefix(id))
	binary.BigEndian.PutUint32(k[9:], uint32(rev))
	return k
}

func hashKey(hexHash string) []byte {
	return append([]byte{prefixHash}, hexHash...)
}

func urlKey(key string) []byte   { return lookupKey(prefixURL, key) }
func titleKey(key string) []byte { return lookupKey(prefixTitle, key) }

// maxKeyText bounds the user text in a lookup key (a URL, a title, an
// annotation URI). Badger refuses keys over 65,000 bytes, and a feed's
// title or a URL can be longer.
const maxKeyText = 512

// lookupKey is prefix text, for keys that are only ever looked up whole:
// a text over maxKeyText keeps its first bytes, then 0xFF (never in
// UTF-8, so no short text ends the same way) and the SHA-256 of the
// whole text, so equal texts still meet and different ones do not.
func lookupKey(prefix byte, text string) []byte {
	if len(text) <= maxKeyText {
		return append([]byte{prefix}, text...)
	}
	sum := sha256.Sum256([]byte(text))
	keep := maxKeyText - 1 - len(sum)
	k := make([]byte, 0, 1+maxKeyText)
	k = append(k, prefix)
	k = append(k, text[:keep]...)
	k = append(k, 0xFF)
	return append(k, sum[:]...)
}

func tagKey(tag string, id app.ArticleID) []byte { return tagIndexKey(prefixTag, tag, uint64(id)) }

func annoTagKey(tag string, id app.AnnotationID) []byte {
	return tagIndexKey(prefixAnnoTag, tag, uint64(id))
}

// tagIndexKey is prefix tag 0x00 id(8); tag paths never contain 0x00.
func tagIndexKey(prefix byte, tag string, id uint64) []byte {
	k := make([]byte, 0, 1+len(tag)+1+8)
	k = append(k, prefix)
	k = append(k, tag...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, id)
}

// indexedTag and indexedID decode a tagIndexKey.
func indexedTag(k []byte) string { return string(k[1 : len(k)-9]) }
func indexedID(k []byte) uint64  { return binary.BigEndian.Uint64(k[len(k)-8:]) }

// tagIndexPrefix is the start of every index key of one tag.
func tagIndexPrefix(prefix byte, tag string) []byte {
	return append(append([]byte{prefix}, tag...), 0)
}

func tagDefKey(path string) []byte { return append([]byte{prefixTagDef}, path...) }
func tagDefPath(k []byte) string   { return string(k[1:]) }

func annoKey(id app.AnnotationID) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefixAnno}, uint64(id))
}

func artAnnoPrefix(article app.ArticleID) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefixArtAnno}, uint64(article))
}

func artAnnoKey(article app.ArticleID, id app.AnnotationID) []byte {
	return binary.BigEndian.AppendUint64(artAnnoPrefix(article), uint64(id))
}

// artAnnoID is the annotation of an artAnnoKey.
func artAnnoID(k []byte) app.AnnotationID { return app.AnnotationID(binary.BigEndian.Uint64(k[9:])) }

func annoURIKey(uri string) []byte { return lookupKey(prefixAnnoURI, uri) }

func memoKey(id app.MemoID) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefixMemo}, uint64(id))
}

func memoURIKey(uri string) []byte { return lookupKey(prefixMemoURI, uri) }

func artMemoPrefix(article app.ArticleID) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefixArtMemo}, uint64(article))
}

func artMemoKey(article app.ArticleID, id app.MemoID) []byte {
	return binary.BigEndian.AppendUint64(artMemoPrefix(article), uint64(id))
}

// artMemoID is the memo of an artMemoKey.
func artMemoID(k []byte) app.MemoID { return app.MemoID(binary.BigEndian.Uint64(k[9:])) }

// Team mode's keys. A mark's kind byte is the first letter of its
// team.Kind ('a', 'm', 't', 'r' for articles) or 'A' for a rename, which
// sorts first so that a capture sees a rename before the uses it moved.
const (
	markAnnotation byte = 'a'
	markMemo       byte = 'm'
	markTag        byte = 't'
	markArticle    byte = 'r'
	markRename     byte = 'A'
)

func markKey(kind byte, id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefixTeamMark, kind}, id)
}

func tagMarkKey(path string) []byte { return append([]byte{prefixTeamMark, markTag}, path...) }

func teamStateKey(kind byte, key string) []byte {
	return append([]byte{prefixTeamState, kind}, lookupKey(0, key)[1:]...)
}

func outboxKey(seq uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefixTeamOutbox}, seq)
}

func teamArtKey(id app.ArticleID, key string) []byte {
	return append(binary.BigEndian.AppendUint64([]byte{prefixTeamArtKey}, uint64(id)), key...)
}

func teamArtKeyPrefix(id app.ArticleID) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefixTeamArtKey}, uint64(id))
}

func unplacedKey(kind byte, key string) []byte {
	return append([]byte{prefixTeamUnplaced, kind}, lookupKey(0, key)[1:]...)
}

// renameKey is 0x19 from 0x00 wall(8) n(4) by: every rename of a tag is
// kept, since each moves the uses made before it.
func renameKey(r team.Rename) []byte {
	k := append(append([]byte{prefixTeamRename}, r.From...), 0)
	k = binary.BigEndian.AppendUint64(k, uint64(r.At.Wall))
	k = binary.BigEndian.AppendUint32(k, r.At.N)
	return append(k, r.At.By...)
}
