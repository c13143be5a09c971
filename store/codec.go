package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/klauspost/compress/zstd"

	"github.com/parallax-news/parallax/app"
)

// Every value the store writes, by record (keys.go says under which key).
// A value's first byte says its format:
//
//	'{'   JSON of the app type (article head, annotation, tag, tag job)
//	0x01  a revision: 0x01, uvarint n, n bytes of the revision's JSON
//	      without its body, then the body's bytes as they are
//	      (revisionBinary; stores before schema 5 hold revisions as JSON)
//	0x02  a revision as 0x01, its body a zstd frame (revisionZstd)
//	0x03  a listing: 0x03, then the title and the outlet, each a uvarint
//	      length and its bytes, then the published and imported times,
//	      each a uvarint length and time.MarshalBinary's bytes
//	      (encodeListing)
//
// and the references and counters are fixed-width big-endian integers
// (encodeRef, encodeUint). The rule: formats are only ever added. A new
// format takes a new first byte and the decoder keeps reading every
// format before it, since old values stay on users' disks until a
// migration rewrites them. The search index's values have their own
// codecs in store/index (docs.go, postings.go, segment.go, signer.go).

// A revision is stored as
//
//	revisionBinary, uvarint length, the revision's JSON without its body,
//	then the body's bytes as they are
//
// so storing and reading an article never escapes or unescapes its text.
// Stores before schema 5 hold revisions as one JSON object, which still
// read: a JSON object starts with '{'.
const revisionBinary byte = 0x01

// revisionZstd is revisionBinary with the body compressed: a news
// article shrinks to a half or less, and the text is most of a store. A
// body that does not shrink is kept as it is. The metadata stays plain:
// small, and it names the record in a damaged log.
const revisionZstd byte = 0x02

// The encoder and decoder are safe for concurrent EncodeAll/DecodeAll.
// The default level: on the BBC's 2 KB articles it stores 55% of the
// text where the fastest stores 63%, for about 4 ms more per megabyte.
var (
	zstdEncoder, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithLowerEncoderMem(true))
	zstdDecoder, _ = zstd.NewReader(nil, zstd.WithDecoderLowmem(true), zstd.WithDecoderConcurrency(0),
		zstd.WithDecoderMaxMemory(1<<30))
)

func encodeRevision(rev app.Revision) ([]byte, error) {
	body := rev.Body
	rev.Body = ""
	meta, err := json.Marshal(rev)
	if err != nil {
		return nil, err
	}
	return appendRevision(meta, body), nil
}

// appendRevision is a revision's record from its JSON without the body,
// and the body, compressed when that makes it smaller.
func appendRevision(meta []byte, body string) []byte {
	head := make([]byte, 0, 1+binary.MaxVarintLen64+len(meta)+len(body)/2)
	head = append(head, revisionZstd)
	head = binary.AppendUvarint(head, uint64(len(meta)))
	head = append(head, meta...)
	if len(body) >= minCompressed {
		if b := zstdEncoder.EncodeAll([]byte(body), head); len(b)-len(head) < len(body) {
			return b
		}
	}
	head[0] = revisionBinary // EncodeAll wrote only past head's length
	return append(head, body...)
}

// minCompressed is the shortest body worth a zstd frame (its header and
// checksum cost about 16 bytes).
const minCompressed = 64

func decodeRevision(b []byte, rev *app.Revision) error {
	if len(b) == 0 || b[0] != revisionBinary && b[0] != revisionZstd {
		return json.Unmarshal(b, rev)
	}
	n, k := binary.Uvarint(b[1:])
	if k <= 0 || n > uint64(len(b)-1-k) {
		return fmt.Errorf("the metadata's length is cut or too long")
	}
	meta := b[1+k : 1+k+int(n)]
	if err := json.Unmarshal(meta, rev); err != nil {
		return err
	}
	body := b[1+k+int(n):]
	if b[0] == revisionZstd {
		plain, err := zstdDecoder.DecodeAll(body, nil)
		if err != nil {
			return fmt.Errorf("the compressed text does not decompress: %w", err)
		}
		body = plain
	}
	rev.Body = string(body)
	return nil
}

func encodeRef(id app.ArticleID, rev int) []byte {
	v := binary.BigEndian.AppendUint64(make([]byte, 0, 12), uint64(id))
	return binary.BigEndian.AppendUint32(v, uint32(rev))
}

func decodeRef(v []byte) (app.ArticleID, int) {
	if len(v) < 8 {
		return 0, 0
	}
	id := app.ArticleID(binary.BigEndian.Uint64(v))
	if len(v) < 12 {
		return id, 0
	}
	return id, int(binary.BigEndian.Uint32(v[8:]))
}

// listingRecord is the first byte of a listing record.
const listingRecord = 0x03

// encodeListing is an article's listing record: what the app lists the
// collection by, a tenth of the head's size and no JSON to parse.
func encodeListing(head app.Article) ([]byte, error) {
	b := []byte{listingRecord}
	b = binary.AppendUvarint(b, uint64(len(head.Title)))
	b = append(b, head.Title...)
	b = binary.AppendUvarint(b, uint64(len(head.Outlet)))
	b = append(b, head.Outlet...)
	for _, t := range []time.Time{head.Published, head.Imported} {
		tb, err := t.MarshalBinary()
		if err != nil {
			return nil, err
		}
		b = binary.AppendUvarint(b, uint64(len(tb)))
		b = append(b, tb...)
	}
	return b, nil
}

var errCorruptListing = errors.New("corrupt listing record")

func decodeListing(b []byte, l *app.Listing) error {
	if len(b) == 0 || b[0] != listingRecord {
		return errCorruptListing
	}
	b = b[1:]
	next := func() ([]byte, error) {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, errCorruptListing
		}
		part := b[k : k+int(n)]
		b = b[k+int(n):]
		return part, nil
	}
	var parts [4][]byte
	for i := range parts {
		var err error
		if parts[i], err = next(); err != nil {
			return err
		}
	}
	l.Title, l.Outlet = string(parts[0]), string(parts[1])
	if err := l.Published.UnmarshalBinary(parts[2]); err != nil {
		return fmt.Errorf("%w: %v", errCorruptListing, err)
	}
	if err := l.Imported.UnmarshalBinary(parts[3]); err != nil {
		return fmt.Errorf("%w: %v", errCorruptListing, err)
	}
	return nil
}

// putHead writes an article's head and its listing record.
func putHead(txn *badger.Txn, head app.Article) error {
	if err := setJSON(txn, articleKey(head.ID), head); err != nil {
		return err
	}
	return putListing(txn, head)
}

// putListing writes the listing record of an article's head.
func putListing(txn *badger.Txn, head app.Article) error {
	l, err := encodeListing(head)
	if err != nil {
		return err
	}
	return txn.Set(listingKey(head.ID), l)
}

func encodeUint(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

func decodeUint(v []byte) uint64 {
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

func getJSON(txn *badger.Txn, key []byte, v any) error {
	item, err := txn.Get(key)
	if err != nil {
		return err
	}
	return item.Value(func(b []byte) error {
		if err := json.Unmarshal(b, v); err != nil {
			return fmt.Errorf("corrupt record %x: %w", key, err)
		}
		return nil
	})
}

func unmarshal(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("corrupt record: %w", err)
	}
	return nil
}

func decodeJSON(b []byte, v any) error { return json.Unmarshal(b, v) }

func setJSON(txn *badger.Txn, key []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return txn.Set(key, b)
}
