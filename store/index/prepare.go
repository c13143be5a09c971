package index

import (
	"runtime"
	"sync"

	"github.com/parallax-news/parallax/app/search"
)

// A bulk import is mostly tokenising, and tokenising needs nothing from
// the transaction but the document numbers, which only shift. So a batch
// is tokenised and its postings encoded before its transaction, as if its
// drafts were documents 1…n; the transaction numbers draft i as the
// counter plus i, which changes only the first document number of each
// term's block (drafts found to be duplicates leave their numbers
// unused). The importer prepares the next batch on every core while the
// store writes this one.

// Text is one article's text to prepare.
type Text struct {
	Title, Body string
}

// Prepared is a batch of texts tokenised before their transaction.
type Prepared struct {
	// docs[i] is text i's document: local is i+1 once tokenised, 0 for
	// a text skipped (nil).
	docs   []pendingDoc
	blocks localBlocks
	// tokenised counts the texts with a document.
	tokenised int
}

// Prepare tokenises a batch's texts on every core and encodes their
// postings. texts[i] nil is a text not worth tokenising (one stored
// already). Writer.IndexArticle names a prepared text by i+1.
func Prepare(texts []*Text) *Prepared {
	p := &Prepared{docs: make([]pendingDoc, len(texts))}
	todo := make([]pendingDoc, 0, len(texts))
	for i, t := range texts {
		if t != nil {
			todo = append(todo, pendingDoc{n: uint32(i + 1), local: uint32(i + 1), doc: search.Doc{Kind: search.ArticleDoc}, title: t.Title, body: t.Body})
		}
	}
	p.blocks = prepareBlocks(todo)
	p.tokenised = len(todo)
	for _, t := range todo {
		t.title, t.body = "", ""
		p.docs[t.local-1] = t
	}
	return p
}

// renumbered is the postings with document n renumbered to renumber[n],
// and without the documents renumbered to 0. The receiver is unchanged:
// a transaction retried after a conflict renumbers again.
func (tp termPostings) renumbered(renumber []uint32) termPostings {
	out := termPostings{terms: tp.terms, lists: make([]postings, len(tp.lists))}
	total := 0
	for _, l := range tp.lists {
		total += len(l.docs)
	}
	docs := make([]uint32, 0, total)
	var freqs, pos []uint32 // only when a document is dropped
	dropped := false
	for _, l := range tp.lists {
		for _, d := range l.docs {
			if renumber[d] == 0 {
				dropped = true
			}
		}
	}
	if dropped {
		freqs = make([]uint32, 0, total)
		kept := out.terms[:0:0]
		lists := out.lists[:0]
		for i, l := range tp.lists {
			from, posFrom, k := len(docs), len(pos), 0
			for j, d := range l.docs {
				f := int(l.freqs[j])
				if n := renumber[d]; n != 0 {
					docs = append(docs, n)
					freqs = append(freqs, l.freqs[j])
					pos = append(pos, l.pos[k:k+f]...)
				}
				k += f
			}
			if len(docs) > from {
				kept = append(kept, tp.terms[i])
				lists = append(lists, postings{docs: docs[from:len(docs):len(docs)], freqs: freqs[from:len(freqs):len(freqs)], pos: pos[posFrom:len(pos):len(pos)]})
			}
		}
		out.terms, out.lists = kept, lists
		return out
	}
	for i, l := range tp.lists {
		from := len(docs)
		for _, d := range l.docs {
			docs = append(docs, renumber[d])
		}
		out.lists[i] = postings{docs: docs[from:len(docs):len(docs)], freqs: l.freqs, pos: l.pos}
	}
	return out
}

// prepareBlocks tokenises texts, numbered locally, on every core and
// encodes their postings.
func prepareBlocks(texts []pendingDoc) localBlocks {
	return encodeLocal(onCores(texts, encodeDocs))
}

// localBlocks is a prepared batch's postings as they will be stored, one
// block per term in term order, documents numbered 1…n. Storing draft i
// as document base+i changes only each block's first document number.
// shards[k] holds the terms one worker merged.
type localBlocks struct {
	shards []localShard
}

type localShard struct {
	terms  []string
	ends   []int // term i's block is blocks[ends[i-1]:ends[i]]
	blocks []byte
}

// encodeLocal merges the workers' encoded postings into one block per
// term, the term range split between the cores.
func encodeLocal(parts []rawTerms) localBlocks {
	largest := rawTerms{}
	for _, p := range parts {
		if len(p.order) > len(largest.order) {
			largest = p
		}
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(largest.order)/1024))
	lb := localBlocks{shards: make([]localShard, workers)}
	var wg sync.WaitGroup
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Worker k takes the terms from the largest part's k'th
			// quantile up to the next; the first and last start and end
			// with every part.
			at, end := make([]int, len(parts)), make([]int, len(parts))
			for i := range parts {
				at[i], end[i] = 0, len(parts[i].order)
				if k > 0 {
					at[i] = parts[i].search(largest.term(len(largest.order) * k / workers))
				}
				if k < workers-1 {
					end[i] = parts[i].search(largest.term(len(largest.order) * (k + 1) / workers))
				}
			}
			lb.shards[k] = joinTerms(parts, at, end)
		}()
	}
	wg.Wait()
	return lb
}

// joinTerms merges the parts' terms from at up to end into blocks. A
// term's blocks join section by section: each part's documents follow
// the part's before.
func joinTerms(parts []rawTerms, at, end []int) localShard {
	size, terms := 0, 0
	for i := range parts {
		size += parts[i].encodedSize(at[i], end[i])
		terms += end[i] - at[i]
	}
	// At most terms terms, less those several parts share.
	sh := localShard{terms: make([]string, 0, terms), ends: make([]int, 0, terms), blocks: make([]byte, 0, size)}
	var joined []rawBlock
	for {
		least, found := "", false
		for i := range parts {
			if at[i] < end[i] && (!found || parts[i].term(at[i]) < least) {
				least, found = parts[i].term(at[i]), true
			}
		}
		if !found {
			return sh
		}
		joined = joined[:0]
		count := 0
		for i := range parts {
			if p := &parts[i]; at[i] < end[i] && p.term(at[i]) == least {
				joined = append(joined, p.block(at[i]))
				count += int(p.counts[at[i]])
				at[i]++
			}
		}
		sh.terms = append(sh.terms, least)
		sh.blocks = appendRawBlocks(sh.blocks, joined, count)
		sh.ends = append(sh.ends, len(sh.blocks))
	}
}

func (sh *localShard) block(i int) []byte {
	from := 0
	if i > 0 {
		from = sh.ends[i-1]
	}
	return sh.blocks[from:sh.ends[i]]
}

// writeSegment writes the blocks, draft i as document base+i, as a new
// segment.
func (lb *localBlocks) writeSegment(txn Txn, keys Keys, base uint32) error {
	if lb.terms() == 0 {
		return nil
	}
	return putSegment(txn, keys, func(seg uint32) [][]chunk {
		var chunks []chunk
		cw := collectChunks(keys, seg, &chunks)
		var block []byte
		for _, sh := range lb.shards {
			for i, term := range sh.terms {
				block = rebaseBlock(block[:0], sh.block(i), base)
				cw.add(term, block) // collecting: cannot fail
			}
		}
		cw.flush()
		return [][]chunk{chunks}
	})
}

func (lb *localBlocks) terms() int {
	n := 0
	for _, sh := range lb.shards {
		n += len(sh.terms)
	}
	return n
}

// decode returns the blocks' postings, documents numbered locally.
func (lb *localBlocks) decode() (termPostings, error) {
	var tp termPostings
	for _, sh := range lb.shards {
		for i, term := range sh.terms {
			var p postings
			if err := decodeBlock(sh.block(i), &p, true); err != nil {
				return tp, err
			}
			tp.terms = append(tp.terms, term)
			tp.lists = append(tp.lists, p)
		}
	}
	return tp, nil
}
