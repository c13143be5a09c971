package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// The search index is a list of segments, like Lucene's and FTS5's: each
// transaction that indexes texts writes one new segment holding all its
// postings, term-sorted and packed into chunks of about chunkBytes, a
// handful of database entries rather than one per term. The list (the
// manifest) changes in the same transaction, so the index
// always matches the data. Segments are merged in the background of
// writes, tier by tier, so a query visits a few dozen at most.

const (
	chunkBytes  = 4 << 10
	MergeFactor = 8         // segments of one tier merged at once
	tier0Bytes  = 128 << 10 // segments below this are tier 0; each tier is MergeFactor times larger
)

// segInfo is one live segment.
type segInfo struct {
	id     uint32
	bytes  uint64
	format uint8
}

func (s segInfo) tier() int {
	t := 0
	for b := s.bytes; b >= tier0Bytes; b /= MergeFactor {
		t++
	}
	return t
}

// The manifest lists the live segments, each as uvarint id, uvarint
// bytes, uvarint format. Stores written before segments had a format
// list id and bytes only: their segments are format 1.
const (
	segmentFormat = 1 // chunks as chunkWriter writes them, blocks as postings.go does
)

// listedSegments returns the IDs of the segments the manifest lists.
func listedSegments(txn Txn, keys Keys) (map[uint32]bool, error) {
	segs, err := readManifest(txn, keys)
	if err != nil {
		return nil, err
	}
	listed := make(map[uint32]bool, len(segs))
	for _, sg := range segs {
		listed[sg.id] = true
	}
	return listed, nil
}

func readManifest(txn Txn, keys Keys) ([]segInfo, error) {
	var segs []segInfo
	err := txn.Get(keys.manifest(), func(b []byte) error {
		if len(b) == 0 {
			return nil
		}
		withFormat := b[0] == manifestWithFormats
		if withFormat {
			b = b[1:]
		}
		for len(b) > 0 {
			var vals [3]uint64
			fields := 2
			if withFormat {
				fields = 3
			}
			for i := range fields {
				v, k := binary.Uvarint(b)
				if k <= 0 {
					return errors.New("corrupt segment list")
				}
				vals[i], b = v, b[k:]
			}
			sg := segInfo{id: uint32(vals[0]), bytes: vals[1], format: uint8(vals[2])}
			if !withFormat {
				sg.format = 1
			}
			if sg.format != segmentFormat {
				return fmt.Errorf("search index segment %d has format %d, which this Parallax cannot read: run 'parallax-cli reindex'", sg.id, sg.format)
			}
			segs = append(segs, sg)
		}
		return nil
	})
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	return segs, err
}

// manifestWithFormats starts a manifest that lists each segment's
// format. An old manifest starts with a segment id, a uvarint, and no
// segment ever had id 0, whose uvarint is this byte.
const manifestWithFormats = 0x00

func writeManifest(txn Txn, keys Keys, segs []segInfo) error {
	b := []byte{manifestWithFormats}
	for _, s := range segs {
		b = binary.AppendUvarint(b, uint64(s.id))
		b = binary.AppendUvarint(b, s.bytes)
		b = binary.AppendUvarint(b, uint64(s.format))
	}
	return txn.Set(keys.manifest(), b)
}

// chunkWriter packs term-sorted (term, block) pairs into chunks.
type chunkWriter struct {
	keys  Keys
	seg   uint32
	buf   []byte
	n     int
	last  string
	total uint64
	put   func(key, val []byte) error
}

func (c *chunkWriter) add(term string, block []byte) error {
	c.buf = binary.AppendUvarint(c.buf, uint64(len(term)))
	c.buf = append(c.buf, term...)
	c.buf = binary.AppendUvarint(c.buf, uint64(len(block)))
	c.buf = append(c.buf, block...)
	c.n++
	c.last = term
	if len(c.buf) >= chunkBytes {
		return c.flush()
	}
	return nil
}

func (c *chunkWriter) flush() error {
	if c.n == 0 {
		return nil
	}
	v := binary.AppendUvarint(make([]byte, 0, len(c.buf)+4), uint64(c.n))
	v = append(v, c.buf...)
	c.total += uint64(len(v))
	c.buf, c.n = c.buf[:0], 0
	return c.put(c.keys.chunkKey(c.seg, c.last), v)
}

// chunkEntries calls fn for each term and block of a chunk until fn
// returns false. Both slices alias v.
func chunkEntries(v []byte, fn func(term, block []byte) bool) error {
	n, k := binary.Uvarint(v)
	if k <= 0 {
		return errCorruptBlock
	}
	v = v[k:]
	for range n {
		var parts [2][]byte
		for i := range parts {
			l, k := binary.Uvarint(v)
			if k <= 0 || uint64(len(v)-k) < l {
				return errCorruptBlock
			}
			parts[i] = v[k : k+int(l)]
			v = v[k+int(l):]
		}
		if !fn(parts[0], parts[1]) {
			return nil
		}
	}
	return nil
}

// writeSegment writes one transaction's postings, terms in order, as a
// new segment and adds it to the manifest. Ranges of terms are encoded
// into chunks on every core; the chunks are then put in term order.
func writeSegment(txn Txn, keys Keys, m mergedTerms) error {
	if len(m.terms) == 0 {
		return nil
	}
	return putSegment(txn, keys, func(seg uint32) [][]chunk {
		workers := min(runtime.GOMAXPROCS(0), max(1, len(m.terms)/1024))
		chunks := make([][]chunk, workers)
		var wg sync.WaitGroup
		for k := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cw := collectChunks(keys, seg, &chunks[k])
				var block []byte
				for i := len(m.terms) * k / workers; i < len(m.terms)*(k+1)/workers; i++ {
					block = appendBlock(block[:0], m.parts(i))
					cw.add(m.terms[i], block) // collecting: cannot fail
				}
				cw.flush()
			}()
		}
		wg.Wait()
		return chunks
	})
}

// putSegment gives a new segment an id, writes the chunks encode makes
// for it, in order, and lists the segment in the manifest.
func putSegment(txn Txn, keys Keys, encode func(seg uint32) [][]chunk) error {
	id, err := nextSeq(txn, keys.segSeq())
	if err != nil {
		return err
	}
	total := uint64(0)
	for _, cs := range encode(uint32(id)) {
		for _, c := range cs {
			if err := txn.Set(c.key, c.val); err != nil {
				return err
			}
			total += uint64(len(c.val))
		}
	}
	segs, err := readManifest(txn, keys)
	if err != nil {
		return err
	}
	return writeManifest(txn, keys, append(segs, segInfo{uint32(id), total, segmentFormat}))
}

// collectChunks is a chunkWriter that appends the chunks to out.
func collectChunks(keys Keys, seg uint32, out *[]chunk) *chunkWriter {
	return &chunkWriter{keys: keys, seg: seg, put: func(key, val []byte) error {
		*out = append(*out, chunk{key, val})
		return nil
	}}
}

// chunk is an encoded chunk and its key.
type chunk struct{ key, val []byte }

// segmentReader looks terms up in a view's segments with one iterator.
type segmentReader struct {
	keys Keys
	segs []segInfo
	it   Iterator
}

func newSegmentReader(txn Txn, keys Keys) (*segmentReader, error) {
	segs, err := readManifest(txn, keys)
	if err != nil {
		return nil, err
	}
	return &segmentReader{keys: keys, segs: segs, it: txn.Iterate([]byte{keys.Segment})}, nil
}

func (r *segmentReader) close() { r.it.Close() }

// postings appends a term's postings from every segment, in order.
func (r *segmentReader) postings(term string, p *postings, positions bool) error {
	for _, s := range r.segs {
		r.it.Seek(r.keys.chunkKey(s.id, term))
		if !r.it.Valid() || !bytes.HasPrefix(r.it.Key(), r.keys.segmentPrefix(s.id)) {
			continue
		}
		err := r.it.Value(func(v []byte) error {
			var inner error
			err := chunkEntries(v, func(t, block []byte) bool {
				switch c := strings.Compare(string(t), term); {
				case c < 0:
					return true
				case c == 0:
					inner = decodeBlock(block, p, positions)
				}
				return false
			})
			if err != nil {
				return err
			}
			return inner
		})
		if err != nil {
			return fmt.Errorf("segment %d, term %q: %w", s.id, term, err)
		}
	}
	return nil
}

// docFreqs counts the documents, live or not, that hold each term,
// reading only each block's count: Similar weighs a hundred words by it
// without decoding their postings. The terms are visited in order, so
// the ones that fall in one chunk cost one seek and one read.
func (r *segmentReader) docFreqs(terms []string) ([]int, error) {
	order := make([]int, len(terms))
	for k := range order {
		order[k] = k
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(terms[a], terms[b]) })
	out := make([]int, len(terms))
	var chunk []byte
	for _, s := range r.segs {
		prefix := r.keys.segmentPrefix(s.id)
		last, have := "", false
		for _, k := range order {
			term := terms[k]
			if !have || term > last {
				r.it.Seek(r.keys.chunkKey(s.id, term))
				if !r.it.Valid() || !bytes.HasPrefix(r.it.Key(), prefix) {
					break // past this segment's last chunk: so are the terms after
				}
				last, have = string(r.it.Key()[len(prefix):]), true
				err := r.it.Value(func(v []byte) error {
					chunk = append(chunk[:0], v...)
					return nil
				})
				if err != nil {
					return nil, fmt.Errorf("segment %d, term %q: %w", s.id, term, err)
				}
			}
			var inner error
			err := chunkEntries(chunk, func(t, block []byte) bool {
				switch c := strings.Compare(string(t), term); {
				case c < 0:
					return true
				case c == 0:
					n, size := binary.Uvarint(block)
					if size <= 0 || n > uint64(len(block)) {
						inner = errCorruptBlock
					}
					out[k] += int(n)
				}
				return false
			})
			if err == nil {
				err = inner
			}
			if err != nil {
				return nil, fmt.Errorf("segment %d, term %q: %w", s.id, term, err)
			}
		}
	}
	return out, nil
}

// terms returns the sorted terms beginning with prefix, across segments,
// up to max (and whether there were more).
func (r *segmentReader) terms(prefix string, max int) ([]string, bool, error) {
	set := map[string]bool{}
	for _, s := range r.segs {
		segPrefix := r.keys.segmentPrefix(s.id)
		for r.it.Seek(r.keys.chunkKey(s.id, prefix)); r.it.Valid() && bytes.HasPrefix(r.it.Key(), segPrefix); r.it.Next() {
			done := false
			err := r.it.Value(func(v []byte) error {
				return chunkEntries(v, func(t, _ []byte) bool {
					switch {
					case string(t) < prefix:
						return true
					case strings.HasPrefix(string(t), prefix):
						set[string(t)] = true
						return true
					}
					done = true
					return false
				})
			})
			if err != nil {
				return nil, false, fmt.Errorf("segment %d: %w", s.id, err)
			}
			if done || len(set) > max {
				break
			}
		}
		if len(set) > max {
			break
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	slices.Sort(out)
	if len(out) > max {
		return out[:max], true, nil
	}
	return out, false, nil
}
