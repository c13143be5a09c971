package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
)

// A revision is stored as
//
//	revisionBinary, uvarint length, the revision's JSON without its body,
//	then the body's bytes as they are
//
// so storing and reading an article never escapes or unescapes its text.
// Stores before schema 5 hold revisions as one JSON object, which still
// read: a JSON object starts with '{'.
const revisionBinary byte = 0x01

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
// and the body.
func appendRevision(meta []byte, body string) []byte {
	b := make([]byte, 0, 1+binary.MaxVarintLen64+len(meta)+len(body))
	b = append(b, revisionBinary)
	b = binary.AppendUvarint(b, uint64(len(meta)))
	b = append(b, meta...)
	return append(b, body...)
}

func decodeRevision(b []byte, rev *app.Revision) error {
	if len(b) == 0 || b[0] != revisionBinary {
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
	rev.Body = string(b[1+k+int(n):])
	return nil
}

func putRevision(txn *badger.Txn, id app.ArticleID, rev app.Revision) error {
	b, err := encodeRevision(rev)
	if err != nil {
		return err
	}
	return txn.Set(revisionKey(id, rev.Number), b)
}

// putDraftRevision is putRevision of a prepared draft's text.
func putDraftRevision(txn *badger.Txn, id app.ArticleID, rev app.Revision, r *draftRecord) error {
	if r.meta == nil {
		return putRevision(txn, id, rev)
	}
	return txn.Set(revisionKey(id, rev.Number), appendRevision(revisionMetaJSON(rev.Number, r.meta), rev.Body))
}

func getRevision(txn *badger.Txn, id app.ArticleID, n int, rev *app.Revision) error {
	key := revisionKey(id, n)
	item, err := txn.Get(key)
	if err != nil {
		return err
	}
	return item.Value(func(b []byte) error {
		if err := decodeRevision(b, rev); err != nil {
			return fmt.Errorf("corrupt revision record %x: %w", key, err)
		}
		return nil
	})
}
