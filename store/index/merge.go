package index

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
)

// mergeSegments merges segments while some tier has MergeFactor of them
// in a row. A merge writes the new segment's chunks first (invisible until
// listed), then swaps it into the manifest in one transaction, then drops
// the old chunks; a crash at any point leaves the old or the new list
// whole, and cleanSegments removes what is not listed.
func (x *Index) mergeSegments() error {
	x.mergeMu.Lock()
	defer x.mergeMu.Unlock()
	for {
		var segs []segInfo
		err := x.db.View(func(txn Txn) error {
			var err error
			segs, err = readManifest(txn, x.keys)
			return err
		})
		if err != nil {
			return err
		}
		// An import's merges wait for it (HoldMerges) unless its
		// segments pile up.
		every := MergeFactor
		if x.holds.Load() > 0 {
			every = HeldMergeRun
		}
		run := pickMerge(segs, every)
		if run == nil {
			// Reclaim once the merges are done: after an import, not
			// after each of its merges, or while one is still writing,
			// unless the garbage is already large.
			if x.garbage >= reclaimAfter && (x.holds.Load() == 0 || x.garbage >= reclaimDuringImport) {
				x.db.Reclaim()
				x.garbage = 0
			}
			return nil
		}
		if err := x.merge(run); err != nil {
			return fmt.Errorf("merging search index segments: %w", err)
		}
		for _, s := range run {
			x.garbage += s.bytes
		}
	}
}

// Reclaiming rewrites value-log files that are partly garbage: about 5 s
// for the 260 MB that importing 100,000 articles leaves (a third of the
// store). reclaimAfter is the garbage worth that; an import reclaims
// before it ends only once its garbage is reclaimDuringImport.
const (
	reclaimAfter        = 32 << 20
	reclaimDuringImport = 1 << 30
)

// HeldMergeRun is how many segments of one tier an import leaves in a
// row before it merges them.
const HeldMergeRun = 2 * MergeFactor

// pickMerge returns the first MergeFactor segments of a tier that has
// at least every of them in a row, or nil.
func pickMerge(segs []segInfo, every int) []segInfo {
	for end := len(segs); end > 0; {
		start := end - 1
		for start > 0 && segs[start-1].tier() == segs[end-1].tier() {
			start--
		}
		if end-start >= every {
			return segs[start : start+MergeFactor]
		}
		end = start
	}
	return nil
}

// segCursor walks one segment's entries in term order.
type segCursor struct {
	it      Iterator
	prefix  []byte
	entries [][2][]byte
	i       int
}

func (c *segCursor) valid() bool { return c.i < len(c.entries) }

func (c *segCursor) term() []byte { return c.entries[c.i][0] }

// next moves to the next entry, loading the next chunk when needed.
func (c *segCursor) next() error {
	c.i++
	for c.i >= len(c.entries) {
		if !c.it.Valid() || !bytes.HasPrefix(c.it.Key(), c.prefix) {
			return nil
		}
		var v []byte
		if err := c.it.Value(func(b []byte) error { v = slices.Clone(b); return nil }); err != nil {
			return err
		}
		c.it.Next()
		c.entries, c.i = c.entries[:0], 0
		if err := chunkEntries(v, func(t, b []byte) bool {
			c.entries = append(c.entries, [2][]byte{t, b})
			return true
		}); err != nil {
			return err
		}
	}
	return nil
}

func (x *Index) merge(run []segInfo) error {
	var newID uint64
	x.segMu.Lock()
	err := x.db.Update(func(txn Txn) error {
		var err error
		newID, err = nextSeq(txn, x.keys.segSeq())
		return err
	})
	x.segMu.Unlock()
	if err != nil {
		return err
	}
	wb := x.db.Batch()
	defer wb.Cancel()
	cw := &chunkWriter{keys: x.keys, seg: uint32(newID), put: func(k, v []byte) error { return wb.Set(k, v) }}
	err = x.db.View(func(txn Txn) error {
		// Documents are numbered in order, so the run's lie in a range:
		// its liveness is looked up once per document and kept in a
		// slice (0 unknown, 1 live, 2 dead).
		var live []uint8
		base := uint32(0)
		isLive := func(n uint32) (bool, error) {
			if len(live) == 0 {
				base = n
			}
			if n < base || int(n-base) >= len(live) {
				lo, hi := min(n, base), max(n+1, base+uint32(len(live)))
				grown := make([]uint8, max(hi-lo, 2*uint32(len(live))))
				copy(grown[base-lo:], live)
				live, base = grown, lo
			}
			switch live[n-base] {
			case 1:
				return true, nil
			case 2:
				return false, nil
			}
			err := txn.Get(x.keys.doc(n), func([]byte) error { return nil })
			if errors.Is(err, ErrNotFound) {
				live[n-base] = 2
				return false, nil
			}
			if err != nil {
				return false, err
			}
			live[n-base] = 2
			if err == nil {
				live[n-base] = 1
			}
			return err == nil, nil
		}
		cursors := make([]*segCursor, len(run))
		for i, seg := range run {
			prefix := x.keys.segmentPrefix(seg.id)
			it := txn.Iterate(prefix)
			defer it.Close()
			it.Rewind()
			cursors[i] = &segCursor{it: it, prefix: prefix, i: -1}
			if err := cursors[i].next(); err != nil {
				return err
			}
		}
		var merged, kept postings
		var raws []rawBlock
		var blocks [][]byte
		var docs []uint32
		var block []byte
		for {
			var term []byte
			for _, c := range cursors {
				if c.valid() && (term == nil || bytes.Compare(c.term(), term) < 0) {
					term = c.term()
				}
			}
			if term == nil {
				return cw.flush()
			}
			if x.merges.stop.Load() {
				return errMergeStopped
			}
			term = slices.Clone(term)
			// The term's blocks, in segment order, so documents stay in order.
			raws, blocks, docs = raws[:0], blocks[:0], docs[:0]
			for _, c := range cursors {
				if c.valid() && bytes.Equal(c.term(), term) {
					blocks = append(blocks, c.entries[c.i][1])
					r, ds, err := splitBlock(c.entries[c.i][1], docs)
					if err != nil {
						return fmt.Errorf("segment %x, term %q: %w", c.prefix[1:], term, err)
					}
					raws, docs = append(raws, r), ds
					if err := c.next(); err != nil {
						return err
					}
				}
			}
			allLive := true
			for _, d := range docs {
				ok, err := isLive(d)
				if err != nil {
					return err
				}
				allLive = allLive && ok
			}
			if allLive {
				block = appendRawBlocks(block[:0], raws, len(docs))
				if err := cw.add(string(term), block); err != nil {
					return err
				}
				continue
			}
			// Postings of replaced and deleted documents go here.
			merged = postings{docs: merged.docs[:0], freqs: merged.freqs[:0], pos: merged.pos[:0]}
			for _, b := range blocks {
				if err := decodeBlock(b, &merged, true); err != nil {
					return err
				}
			}
			kept = postings{docs: kept.docs[:0], freqs: kept.freqs[:0], pos: kept.pos[:0]}
			at := 0
			for i, d := range merged.docs {
				f := merged.freqs[i]
				ok, _ := isLive(d) // looked up above
				if ok {
					kept.docs = append(kept.docs, d)
					kept.freqs = append(kept.freqs, f)
					kept.pos = append(kept.pos, merged.pos[at:at+int(f)]...)
				}
				at += int(f)
			}
			if kept.len() == 0 {
				continue
			}
			if err := cw.add(string(term), kept.encode()); err != nil {
				return err
			}
		}
	})
	if err == nil {
		err = wb.Flush()
	}
	if err != nil {
		return err
	}
	// Swap the new segment in for the run.
	x.segMu.Lock()
	err = x.db.Update(func(txn Txn) error {
		segs, err := readManifest(txn, x.keys)
		if err != nil {
			return err
		}
		at := slices.IndexFunc(segs, func(x segInfo) bool { return x.id == run[0].id })
		if at < 0 || at+len(run) > len(segs) || !slices.Equal(segs[at:at+len(run)], run) {
			return fmt.Errorf("segments changed during a merge")
		}
		segs = slices.Replace(segs, at, at+len(run), segInfo{uint32(newID), cw.total, segmentFormat})
		return writeManifest(txn, x.keys, segs)
	})
	x.segMu.Unlock()
	if err != nil {
		return err
	}
	return x.dropSegments(run)
}

// dropSegments deletes the chunks of segments no longer listed.
func (x *Index) dropSegments(run []segInfo) error {
	var stale [][]byte
	err := x.db.View(func(txn Txn) error {
		for _, seg := range run {
			if err := scanKeys(txn, x.keys.segmentPrefix(seg.id), func(k []byte) error {
				stale = append(stale, k)
				return nil
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || len(stale) == 0 {
		return err
	}
	return x.deleteKeys(stale)
}

// cleanSegments deletes the chunks of segments the manifest does not list:
// merged-away ones, and a merge's output when a crash cut it short.
func (x *Index) cleanSegments() error {
	var stale [][]byte
	err := x.db.View(func(txn Txn) error {
		listed, err := listedSegments(txn, x.keys)
		if err != nil {
			return err
		}
		return scanKeys(txn, []byte{x.keys.Segment}, func(k []byte) error {
			if seg, ok := x.keys.chunkSegment(k); ok && !listed[seg] {
				stale = append(stale, k)
			}
			return nil
		})
	})
	if err != nil || len(stale) == 0 {
		return err
	}
	return x.deleteKeys(stale)
}

func (x *Index) deleteKeys(keys [][]byte) error {
	wb := x.db.Batch()
	defer wb.Cancel()
	for _, k := range keys {
		if err := wb.Delete(k); err != nil {
			return err
		}
	}
	return wb.Flush()
}
