package search

import (
	"cmp"
	"math"
	"slices"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/internal/topk"
)

// BM25 parameters, as in Lucene and SQLite FTS5.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// MaxPrefixTerms caps how many words a prefix* may expand to.
const MaxPrefixTerms = 5000

// Match is one article found by a query.
type Match struct {
	Doc   uint32
	Score float64
}

// hits is a set of article documents in document order with scores.
type hits struct {
	docs   []uint32
	scores []float64
}

func (h *hits) add(doc uint32, score float64) {
	h.docs = append(h.docs, doc)
	h.scores = append(h.scores, score)
}

// span is an occurrence's first and last position.
type span struct{ start, end uint32 }

// occ is a text clause's occurrences in one document.
type occ struct {
	doc   uint32
	tf    uint32
	spans []span
}

type evaluator struct {
	ix     Index
	n      float64
	avgLen float64
}

// Evaluate runs a parsed query against an index and returns every match,
// best first (ties in document order), and how many there were.
func Evaluate(ix Index, q Node, limit int) ([]Match, int, error) {
	count, avg := ix.Articles()
	e := &evaluator{ix: ix, n: float64(count), avgLen: max(avg, 1)}
	h, err := e.eval(q)
	if err != nil {
		return nil, 0, err
	}
	total := len(h.docs)
	idx := make([]int, total)
	for i := range idx {
		idx[i] = i
	}
	best := func(a, b int) int {
		if c := cmp.Compare(h.scores[b], h.scores[a]); c != 0 {
			return c
		}
		return cmp.Compare(h.docs[a], h.docs[b])
	}
	if limit > 0 {
		idx = topk.Select(idx, limit, best)
	} else {
		slices.SortFunc(idx, best)
	}
	out := make([]Match, len(idx))
	for i, k := range idx {
		out[i] = Match{Doc: h.docs[k], Score: h.scores[k]}
	}
	return out, total, nil
}

func (e *evaluator) eval(n Node) (hits, error) {
	switch n := n.(type) {
	case Term, Phrase, Near:
		occs, err := e.occurrences(n, false)
		if err != nil {
			return hits{}, err
		}
		return e.score(occs, fieldOf(n)), nil
	case Or:
		var acc hits
		for i, it := range n.Items {
			h, err := e.eval(it)
			if err != nil {
				return hits{}, err
			}
			if i == 0 {
				acc = h
			} else {
				acc = union(acc, h)
			}
		}
		return acc, nil
	case And:
		return e.and(n)
	case Filter:
		return e.and(And{Items: []Node{n}})
	case Not:
		return hits{}, app.Errorf(app.EINVALID, "query has only an exclusion (%s)", n)
	}
	return hits{}, app.Errorf(app.EINTERNAL, "search: unknown query node %T", n)
}

func fieldOf(n Node) Field {
	switch n := n.(type) {
	case Term:
		return n.Field
	case Phrase:
		return n.Field
	case Near:
		return fieldOf(n.Items[0])
	}
	return AnyField
}

// and intersects the positive items, removes the excluded ones and keeps
// what passes the filters; with no positive item it starts from every
// article.
func (e *evaluator) and(n And) (hits, error) {
	var pos, neg []Node
	var filters []Filter
	for _, it := range n.Items {
		switch it := it.(type) {
		case Not:
			neg = append(neg, it.Item)
		case Filter:
			filters = append(filters, it)
		default:
			pos = append(pos, it)
		}
	}
	keep, err := e.filter(filters)
	if err != nil {
		return hits{}, err
	}
	var acc hits
	if len(pos) == 0 {
		e.ix.ForEachArticleDoc(func(doc uint32, d Doc) {
			if keep(d) {
				acc.add(doc, 0)
			}
		})
	} else {
		for i, it := range pos {
			h, err := e.eval(it)
			if err != nil {
				return hits{}, err
			}
			if i == 0 {
				acc = h
			} else {
				acc = intersect(acc, h)
			}
			if len(acc.docs) == 0 {
				return acc, nil
			}
		}
		if len(filters) > 0 {
			var kept hits
			for i, doc := range acc.docs {
				if d, ok := e.ix.Doc(doc); ok && keep(d) {
					kept.add(doc, acc.scores[i])
				}
			}
			acc = kept
		}
	}
	for _, it := range neg {
		h, err := e.eval(it)
		if err != nil {
			return hits{}, err
		}
		acc = subtract(acc, h)
	}
	return acc, nil
}

// filter turns metadata filters into one predicate.
func (e *evaluator) filter(fs []Filter) (func(Doc) bool, error) {
	var preds []func(Doc) bool
	for _, f := range fs {
		switch f.Kind {
		case OutletFilter:
			want := f.Words
			cache := map[string]bool{}
			preds = append(preds, func(d Doc) bool {
				ok, seen := cache[d.Outlet]
				if !seen {
					ok = containsRun(words(d.Outlet), want)
					cache[d.Outlet] = ok
				}
				return ok
			})
		case TagFilter:
			tagged, err := e.ix.TaggedArticles(f.Tag)
			if err != nil {
				return nil, err
			}
			preds = append(preds, func(d Doc) bool { return tagged[d.ID] })
		case AfterFilter:
			t := f.Time.Unix()
			preds = append(preds, func(d Doc) bool { return d.Date >= t })
		case BeforeFilter:
			t := f.Time.Unix()
			preds = append(preds, func(d Doc) bool { return d.Date < t })
		}
	}
	return func(d Doc) bool {
		for _, p := range preds {
			if !p(d) {
				return false
			}
		}
		return true
	}, nil
}

// containsRun reports whether want occurs in have as consecutive words.
func containsRun(have, want []string) bool {
	for i := 0; i+len(want) <= len(have); i++ {
		if slices.Equal(have[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

// score turns occurrences into BM25-scored article hits. Notes and memos
// score in their own documents and add up on their article.
func (e *evaluator) score(occs []occ, f Field) hits {
	df := float64(len(occs))
	idf := math.Log(1 + (e.n-df+0.5)/(df+0.5))
	bm := func(tf float64, dl uint32) float64 {
		return idf * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*float64(dl)/e.avgLen))
	}
	var h hits
	if !f.scoresOnArticle() {
		h.docs = make([]uint32, 0, len(occs))
		h.scores = make([]float64, 0, len(occs))
		for _, o := range occs {
			d, _ := e.ix.Doc(o.doc)
			h.add(o.doc, bm(float64(o.tf), d.Len))
		}
		return h
	}
	sum := map[uint32]float64{}
	for _, o := range occs {
		d, _ := e.ix.Doc(o.doc)
		if art, ok := e.ix.ArticleDoc(d.Article); ok {
			sum[art] += bm(float64(o.tf), d.Len)
		}
	}
	for doc := range sum {
		h.docs = append(h.docs, doc)
	}
	slices.Sort(h.docs)
	for _, doc := range h.docs {
		h.scores = append(h.scores, sum[doc])
	}
	return h
}

// occurrences finds a term, phrase or NEAR group in the live documents of
// its field (articles, annotations for note:, memos for memo:), in document order.
func (e *evaluator) occurrences(n Node, needSpans bool) ([]occ, error) {
	switch n := n.(type) {
	case Term:
		if n.Prefix {
			return e.prefix(n, needSpans)
		}
		pl, err := e.ix.Postings(n.Word, needSpans || n.Field == TitleField)
		if err != nil {
			return nil, err
		}
		return e.termOccs(pl, n.Field, needSpans, nil), nil
	case Phrase:
		return e.phrase(n, needSpans)
	case Near:
		return e.near(n)
	}
	return nil, app.Errorf(app.EINTERNAL, "search: %T is not a text clause", n)
}

// live reports whether doc belongs to the field's kind of document and
// returns its title length.
func (e *evaluator) live(doc uint32, f Field) (Doc, bool) {
	d, ok := e.ix.Doc(doc)
	if !ok {
		return d, false
	}
	switch f {
	case NoteField:
		return d, d.Kind == AnnotationDoc
	case MemoField:
		return d, d.Kind == MemoDoc
	}
	return d, d.Kind == ArticleDoc
}

// termOccs filters one postings list to the field's live documents,
// appending to out.
func (e *evaluator) termOccs(pl *PostingList, f Field, needSpans bool, out []occ) []occ {
	if out == nil {
		out = make([]occ, 0, pl.Len())
	}
	for i, doc := range pl.Docs {
		d, ok := e.live(doc, f)
		if !ok {
			continue
		}
		o := occ{doc: doc, tf: pl.Freqs[i]}
		if f == TitleField || needSpans {
			o.tf = 0
			for _, p := range pl.Positions(i) {
				if f == TitleField && p >= d.TitleLen {
					break
				}
				o.tf++
				if needSpans {
					o.spans = append(o.spans, span{p, p})
				}
			}
			if o.tf == 0 {
				continue
			}
		}
		out = append(out, o)
	}
	return out
}

// prefix expands a prefix into its words and merges their occurrences as
// if they were one word.
func (e *evaluator) prefix(t Term, needSpans bool) ([]occ, error) {
	terms, more, err := e.ix.Terms(t.Word, MaxPrefixTerms)
	if err != nil {
		return nil, err
	}
	if more {
		return nil, app.Errorf(app.EINVALID, "%s matches more than %d different words: type a longer prefix", t, MaxPrefixTerms)
	}
	var all []occ
	for _, term := range terms {
		pl, err := e.ix.Postings(term, needSpans || t.Field == TitleField)
		if err != nil {
			return nil, err
		}
		all = e.termOccs(pl, t.Field, needSpans, all)
	}
	if len(terms) <= 1 {
		return all, nil
	}
	slices.SortStableFunc(all, func(a, b occ) int { return cmp.Compare(a.doc, b.doc) })
	out := all[:0]
	for _, o := range all {
		if k := len(out) - 1; k >= 0 && out[k].doc == o.doc {
			out[k].tf += o.tf
			out[k].spans = append(out[k].spans, o.spans...)
			continue
		}
		out = append(out, o)
	}
	if needSpans {
		for i := range out {
			slices.SortFunc(out[i].spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
		}
	}
	return out, nil
}

// phrase intersects its words' postings, rarest first, then checks
// positions only in the documents that have every word.
func (e *evaluator) phrase(p Phrase, needSpans bool) ([]occ, error) {
	lists := make([]*PostingList, len(p.Words))
	for i, w := range p.Words {
		pl, err := e.ix.Postings(w, true)
		if err != nil {
			return nil, err
		}
		if pl.Len() == 0 {
			return nil, nil
		}
		lists[i] = pl
	}
	order := make([]int, len(lists))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(lists[a].Len(), lists[b].Len()) })
	rare := lists[order[0]]
	cursor := make([]int, len(lists))
	at := make([]int, len(lists))
	var out []occ
next:
	for i, doc := range rare.Docs {
		d, ok := e.live(doc, p.Field)
		if !ok {
			continue
		}
		for _, k := range order {
			j, found := seek(lists[k].Docs, cursor[k], doc)
			cursor[k] = j
			if !found {
				continue next
			}
			at[k] = j
		}
		at[order[0]] = i
		var o occ
		first := lists[0].Positions(at[0])
	starts:
		for _, s := range first {
			for k := 1; k < len(lists); k++ {
				if _, ok := slices.BinarySearch(lists[k].Positions(at[k]), s+uint32(k)); !ok {
					continue starts
				}
			}
			end := s + uint32(len(lists)-1)
			if p.Field == TitleField && end >= d.TitleLen {
				break
			}
			o.tf++
			if needSpans {
				o.spans = append(o.spans, span{s, end})
			}
		}
		if o.tf > 0 {
			o.doc = doc
			out = append(out, o)
		}
	}
	return out, nil
}

// seek finds doc in a sorted list from index i on, galloping.
func seek(docs []uint32, i int, doc uint32) (int, bool) {
	step := 1
	hi := i
	for hi < len(docs) && docs[hi] < doc {
		i = hi
		hi += step
		step *= 2
	}
	hi = min(hi+1, len(docs))
	j, found := slices.BinarySearch(docs[i:hi], doc)
	return i + j, found
}

// near keeps the documents where some occurrence of the first item has
// an occurrence of every other item within Dist words.
func (e *evaluator) near(n Near) ([]occ, error) {
	per := make([][]occ, len(n.Items))
	for i, it := range n.Items {
		o, err := e.occurrences(it, true)
		if err != nil {
			return nil, err
		}
		per[i] = o
	}
	byDoc := make([]map[uint32][]span, len(per))
	for i := 1; i < len(per); i++ {
		byDoc[i] = make(map[uint32][]span, len(per[i]))
		for _, o := range per[i] {
			byDoc[i][o.doc] = o.spans
		}
	}
	var out []occ
	for _, o := range per[0] {
		var hit occ
	spans:
		for _, a := range o.spans {
			for i := 1; i < len(per); i++ {
				if !anyWithin(a, byDoc[i][o.doc], uint32(n.Dist)) {
					continue spans
				}
			}
			hit.tf++
			hit.spans = append(hit.spans, a)
		}
		if hit.tf > 0 {
			hit.doc = o.doc
			out = append(out, hit)
		}
	}
	return out, nil
}

func anyWithin(a span, bs []span, dist uint32) bool {
	for _, b := range bs {
		var gap uint32
		switch {
		case b.start > a.end:
			gap = b.start - a.end - 1
		case a.start > b.end:
			gap = a.start - b.end - 1
		}
		if gap <= dist {
			return true
		}
	}
	return false
}

func intersect(a, b hits) hits {
	var out hits
	i, j := 0, 0
	for i < len(a.docs) && j < len(b.docs) {
		switch {
		case a.docs[i] < b.docs[j]:
			i++
		case a.docs[i] > b.docs[j]:
			j++
		default:
			out.add(a.docs[i], a.scores[i]+b.scores[j])
			i++
			j++
		}
	}
	return out
}

func union(a, b hits) hits {
	var out hits
	i, j := 0, 0
	for i < len(a.docs) || j < len(b.docs) {
		switch {
		case j == len(b.docs) || (i < len(a.docs) && a.docs[i] < b.docs[j]):
			out.add(a.docs[i], a.scores[i])
			i++
		case i == len(a.docs) || a.docs[i] > b.docs[j]:
			out.add(b.docs[j], b.scores[j])
			j++
		default:
			out.add(a.docs[i], a.scores[i]+b.scores[j])
			i++
			j++
		}
	}
	return out
}

func subtract(a, b hits) hits {
	var out hits
	j := 0
	for i, doc := range a.docs {
		for j < len(b.docs) && b.docs[j] < doc {
			j++
		}
		if j < len(b.docs) && b.docs[j] == doc {
			continue
		}
		out.add(doc, a.scores[i])
	}
	return out
}
