package main

import (
	"fmt"
	"strings"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/store"
)

// readerWords and readerHighlights are the reader's target article: the
// desktop issue's frame-rate target is for 20,000 words with 500
// highlights.
const (
	readerWords      = 20000
	readerHighlights = 500
)

// makeReaderStore writes a store holding one article of readerWords
// words (BBC paragraphs in corpus order) with readerHighlights
// annotations spread over it, some overlapping, for the desktop app's
// frame-rate measurement (.ci/framerate).
func makeReaderStore(dir, data string) error {
	docs, err := load("bbc", data)
	if err != nil {
		return err
	}
	var paras []string
	words := 0
	for _, d := range docs {
		for _, p := range app.Paragraphs(d.Body) {
			if words >= readerWords {
				break
			}
			paras = append(paras, p)
			words += len(strings.Fields(p))
		}
	}
	st, err := store.Open(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	body := app.JoinParagraphs(paras)
	res, err := st.Ingest([]app.Draft{{Meta: app.Meta{Title: fmt.Sprintf("Reader benchmark: %d words, %d highlights", words, readerHighlights), Outlet: "Bench"}, Body: body}})
	if err != nil {
		return err
	}
	id := res[0].ID
	// Spans of 2 to 13 words, one every len/readerHighlights words; every
	// seventh reaches into the next one.
	fields := wordSpans(body)
	colours := []string{"yellow", "green", "blue", "red", "purple"}
	an := app.Annotator{Store: st, Analyst: "bench"}
	stride := len(fields) / readerHighlights
	for i := 0; i < readerHighlights; i++ {
		first := i * stride
		n := 2 + i%12
		if i%7 == 0 {
			n = stride + 3
		}
		last := min(first+n, len(fields)) - 1
		_, err := an.Annotate(app.AnnotateInput{Article: id, Span: app.Span{Start: fields[first][0], End: fields[last][1]},
			Note: fmt.Sprintf("highlight %d", i+1), Color: colours[i%len(colours)]})
		if err != nil {
			return err
		}
	}
	fmt.Printf("reader store %s: article %d, %d words, %d highlights\n", dir, id, words, readerHighlights)
	return nil
}

// wordSpans are the code-point spans of text's words.
func wordSpans(text string) [][2]int {
	var out [][2]int
	start := -1
	i := 0
	for _, r := range text {
		space := r == ' ' || r == '\n' || r == '\t'
		switch {
		case !space && start < 0:
			start = i
		case space && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
		i++
	}
	if start >= 0 {
		out = append(out, [2]int{start, i})
	}
	return out
}
