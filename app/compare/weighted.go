package compare

import (
	"cmp"
	"math"
	"slices"

	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/internal/topk"
)

// Profile is what Similar weighs an article by: the counts of its stems,
// as Sign makes them, and of its content words as the search index
// holds them (folded; by WordKey). A headline's words count twice, since
// a headline names what the article is about.
type Profile struct {
	Stems map[uint32]int
	Words map[uint64]int
}

// ProfileOf counts an article's stems and words.
func ProfileOf(title, body string) Profile { return profileOf(title, body, nil) }

// profileOf is ProfileOf that also counts, into names unless it is nil,
// the words themselves, for looking them up in the search index: one
// pass over the text for both.
func profileOf(title, body string, names map[string]int) Profile {
	size := (len(title) + len(body)) / 12 // about one distinct word in two
	p := Profile{Stems: make(map[uint32]int, size), Words: make(map[uint64]int, size)}
	for k, text := range []string{title, body} {
		search.Tokens(text, func(t search.Token) {
			if t.Joined {
				return
			}
			h, ok := StemHash(t.Term)
			if !ok {
				return // too short or a stop word, for words as for stems
			}
			p.Stems[h] += 2 - k
			p.Words[WordKey(t.Term)] += 2 - k
			if names != nil {
				names[string(t.Term)] += 2 - k
			}
		})
	}
	return p
}

// WordKey is the 64-bit FNV-1a hash of a folded word.
func WordKey(term []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range term {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// How words weigh in RerankByWeight: rarity to this power, so a name
// that only one event's reports use outweighs a handful of words its
// subject shares (measured on PAC and the same-event set, issue 27), and
// the word cosine counts wordShare of the similarity.
const (
	rarityPower = 1.5
	wordShare   = 2.0 / 3
)

// RerankByWeight orders candidates by how alike their profiles are to
// target's, best first, ties by ID, and keeps limit. The similarity is a
// weighted mean of two cosines:
//   - of stem counts, each stem weighing (1 + ln tf) · idf with the idf
//     taken over the target and the candidates: among articles that
//     already share a subject, the stems they all use say nothing;
//   - of word counts, each word weighing (1 + ln tf) · idf^rarityPower
//     with the idf of the collection where rarity gives it (the target's
//     words, from the search index, by WordKey) and over the candidates
//     elsewhere: the names and rare words only one event's reports share.
//
// Either alone ranks same-event reports no better than a plain TF-IDF
// cosine on one of the test sets (the stems: 0.833 against 0.889 on
// TestSimilarOnSameEventSet; the words: 0.980 against 0.980 on
// TestSimilarOnPAC); together they rank above it on both. Candidates profiles returns false
// for are left out.
func RerankByWeight(target Profile, rarity map[uint64]float64, cands []Neighbour, profiles func(id uint64) (Profile, bool, error), limit int) ([]Neighbour, error) {
	ps := make([]Profile, 0, len(cands))
	ids := make([]uint64, 0, len(cands))
	for _, c := range cands {
		p, ok, err := profiles(c.ID)
		if err != nil {
			return nil, err
		}
		if ok {
			ps, ids = append(ps, p), append(ids, c.ID)
		}
	}
	stemDF, wordDF := map[uint32]int{}, map[uint64]int{}
	for _, p := range append(ps, target) {
		for h := range p.Stems {
			stemDF[h]++
		}
		for w := range p.Words {
			wordDF[w]++
		}
	}
	n := float64(len(ps) + 1)
	poolIDF := func(df int) float64 { return 1 + math.Log((n+1)/float64(df+1)) }
	stemW := make(map[uint32]float64, len(stemDF))
	for h, df := range stemDF {
		stemW[h] = poolIDF(df)
	}
	wordW := make(map[uint64]float64, len(wordDF))
	for w, df := range wordDF {
		idf, ok := rarity[w]
		if !ok {
			idf = poolIDF(df)
		}
		wordW[w] = idf * math.Sqrt(idf) // idf^rarityPower
	}
	ts, tw := weigh(target.Stems, stemW), weigh(target.Words, wordW)
	out := make([]Neighbour, 0, len(ps))
	for k, p := range ps {
		sim := (1-wordShare)*ts.cosine(p.Stems, stemW) + wordShare*tw.cosine(p.Words, wordW)
		out = append(out, Neighbour{ids[k], math.Round(sim*1000) / 1000})
	}
	slices.SortFunc(out, func(a, b Neighbour) int {
		if c := cmp.Compare(b.Similarity, a.Similarity); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out[:min(limit, len(out))], nil
}

// weighted is the target's vector of (1 + ln tf) · weight, and its length.
type weighted[K comparable] struct {
	x    map[K]float64
	norm float64
}

func weigh[K comparable](counts map[K]int, weight map[K]float64) weighted[K] {
	v := weighted[K]{x: make(map[K]float64, len(counts))}
	for k, tf := range counts {
		x := logTF(tf) * weight[k]
		v.x[k] = x
		v.norm += x * x
	}
	v.norm = math.Sqrt(v.norm)
	return v
}

// cosine of the target's vector with a candidate's counts, weighed as
// they go: the candidates' vectors are never built.
func (v weighted[K]) cosine(counts map[K]int, weight map[K]float64) float64 {
	dot, norm := 0.0, 0.0
	for k, tf := range counts {
		x := logTF(tf) * weight[k]
		norm += x * x
		dot += x * v.x[k]
	}
	if dot <= 0 {
		return 0
	}
	return dot / (v.norm * math.Sqrt(norm))
}

// logTF is 1 + ln tf, from a table for the usual counts.
func logTF(tf int) float64 {
	if tf < len(logTFs) {
		return logTFs[tf]
	}
	return 1 + math.Log(float64(tf))
}

var logTFs = func() (t [64]float64) {
	for i := 1; i < len(t); i++ {
		t[i] = 1 + math.Log(float64(i))
	}
	return t
}()

// rarityLookups is how many of an article's most frequent words Similar
// looks up in the search index for their document frequency.
const rarityLookups = 100

// lookedUp are the target's most frequent words, most counted first,
// with their document frequencies in the search index.
type lookedUp struct {
	words []string
	df    []int
}

// collectionRarity looks up the document frequency of the target's
// rarityLookups most frequent words in the search index and returns it
// with their idf over the collection, ln((n+1)/df), by WordKey.
func collectionRarity(ix search.Index, words map[string]int) (lookedUp, map[uint64]float64, error) {
	n, _ := ix.Articles()
	ws := mostFrequent(words, rarityLookups)
	dfs, err := ix.DocFreqs(ws)
	if err != nil {
		return lookedUp{}, nil, err
	}
	idf := make(map[uint64]float64, len(ws))
	for k, w := range ws {
		idf[WordKey([]byte(w))] = max(0, math.Log(float64(n+1)/float64(max(dfs[k], 1))))
	}
	return lookedUp{ws, dfs}, idf, nil
}

// mostFrequent returns up to limit words, most counted first, ties in
// alphabetical order.
func mostFrequent(words map[string]int, limit int) []string {
	out := make([]string, 0, len(words))
	for w := range words {
		out = append(out, w)
	}
	slices.SortFunc(out, func(a, b string) int {
		if c := cmp.Compare(words[b], words[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return out[:min(limit, len(out))]
}

// How Similar asks the search index for more candidates: the target's
// most frequent words are looked up, and the most distinctive of them
// queried.
const (
	mltLookups = 30
	mltTerms   = 15
)

// moreLikeThis returns the limit articles that best match the target's
// most distinctive words by BM25 over the search index, leaving out
// exclude: a "more like this" query. It finds what the signature scan
// misses, a short report that shares an event's rare names with a long
// one but little else of its vocabulary. looked are the target's words
// and document frequencies collectionRarity found, words their counts.
func moreLikeThis(ix search.Index, words map[string]int, looked lookedUp, exclude uint64, limit int) ([]Neighbour, error) {
	n, avgLen := ix.Articles()
	if n == 0 || len(words) == 0 {
		return nil, nil
	}
	type term struct {
		word        string
		weight, idf float64
	}
	var ts []term
	for k, w := range looked.words[:min(mltLookups, len(looked.words))] {
		d := float64(looked.df[k])
		idf := math.Log(1 + (float64(n)-d+0.5)/(d+0.5))
		ts = append(ts, term{w, (1 + math.Log(float64(words[w]))) * idf, idf})
	}
	slices.SortFunc(ts, func(a, b term) int {
		if c := cmp.Compare(b.weight, a.weight); c != 0 {
			return c
		}
		return cmp.Compare(a.word, b.word)
	})
	const k1, b = 1.2, 0.75
	var pls []*search.PostingList
	for _, t := range ts[:min(mltTerms, len(ts))] {
		pl, err := ix.Postings(t.word, false)
		if err != nil {
			return nil, err
		}
		pls = append(pls, pl)
	}
	// The lists are in document order: walk them together, a document
	// at a time, rather than total hundreds of thousands in a map.
	best := topk.NewBest(limit, func(a, b Neighbour) int {
		if c := cmp.Compare(b.Similarity, a.Similarity); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	at := make([]int, len(pls))
	for {
		d, left := uint32(0), false
		for k, pl := range pls {
			if at[k] < len(pl.Docs) && (!left || pl.Docs[at[k]] < d) {
				d, left = pl.Docs[at[k]], true
			}
		}
		if !left {
			break
		}
		doc, ok := ix.Doc(d)
		live := ok && doc.Kind == search.ArticleDoc && doc.ID != exclude
		score := 0.0
		for k, pl := range pls {
			if at[k] < len(pl.Docs) && pl.Docs[at[k]] == d {
				if live {
					tf := float64(pl.Freqs[at[k]])
					score += ts[k].idf * tf * (k1 + 1) / (tf + k1*(1-b+b*float64(doc.Len)/avgLen))
				}
				at[k]++
			}
		}
		if live {
			best.Offer(Neighbour{doc.ID, score})
		}
	}
	return best.Sorted(), nil
}
