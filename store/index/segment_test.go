package index

import (
	"encoding/binary"
	"slices"
	"strings"
	"testing"
)

// mapTxn is a Txn over a map, enough for the manifest's Get and Set.
type mapTxn map[string][]byte

func (m mapTxn) Get(k []byte, fn func([]byte) error) error {
	v, ok := m[string(k)]
	if !ok {
		return ErrNotFound
	}
	return fn(v)
}
func (m mapTxn) Set(k, v []byte) error   { m[string(k)] = v; return nil }
func (m mapTxn) Delete(k []byte) error   { delete(m, string(k)); return nil }
func (m mapTxn) Iterate([]byte) Iterator { panic("not needed") }

var testKeys = Keys{Segment: 0x0C, Doc: 0x0D, DocOf: 0x0E, Sig: 0x0F, System: 0x00}

// A manifest lists each segment's format; one written before formats
// existed (id and bytes only) reads as format 1, and a format this
// version does not know is refused, not misread.
func TestManifestFormats(t *testing.T) {
	segs := []segInfo{{1, 100, segmentFormat}, {7, 1 << 20, segmentFormat}, {300, 5, segmentFormat}}
	txn := mapTxn{}
	if err := writeManifest(txn, testKeys, segs); err != nil {
		t.Fatal(err)
	}
	if got, err := readManifest(txn, testKeys); err != nil || !slices.Equal(got, segs) {
		t.Errorf("round trip: %v, %v", got, err)
	}

	var old []byte
	for _, s := range segs {
		old = binary.AppendUvarint(binary.AppendUvarint(old, uint64(s.id)), s.bytes)
	}
	txn.Set(testKeys.manifest(), old)
	if got, err := readManifest(txn, testKeys); err != nil || !slices.Equal(got, segs) {
		t.Errorf("old manifest: %v, %v", got, err)
	}

	newer := []byte{manifestWithFormats}
	newer = binary.AppendUvarint(binary.AppendUvarint(binary.AppendUvarint(newer, 3), 10), segmentFormat+1)
	txn.Set(testKeys.manifest(), newer)
	if _, err := readManifest(txn, testKeys); err == nil || !strings.Contains(err.Error(), "reindex") {
		t.Errorf("a newer format: %v, want a refusal that says to reindex", err)
	}

	delete(txn, string(testKeys.manifest()))
	if got, err := readManifest(txn, testKeys); err != nil || got != nil {
		t.Errorf("no manifest: %v, %v", got, err)
	}
}
