package compare

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestClustersGatherAWireStoryCopies: 300 copies of one story, each
// with a word of its own, among 200 different texts, form one cluster
// even though their shared band values fill buckets past maxBucket.
func TestClustersGatherAWireStoryCopies(t *testing.T) {
	story := "The Kremlin invited Ukraine's president to Moscow for peace talks on Tuesday while Kyiv called the offer a trap and Western diplomats said the proposal was aimed at European voters before the winter"
	var all Signatures
	add := func(id int, text string) {
		sig, _, ok := Sign("", text)
		if !ok {
			t.Fatalf("text %d has no content words", id)
		}
		all.IDs = append(all.IDs, uint64(id))
		all.Sigs = append(all.Sigs, sig)
	}
	for i := range 300 {
		add(i+1, fmt.Sprintf("%s reported desk%d", story, i))
	}
	words := strings.Fields("grain ports reopen insurers premiums ships energy prices fell analysts expect summit sanctions drone budget election minister football cup final music film award broadband mobile")
	for i := range 200 {
		var w []string
		for k := range 6 {
			w = append(w, words[(i*7+k*11)%len(words)]+fmt.Sprint(i%13+k))
		}
		add(1000+i, strings.Join(w, " "))
	}
	var bands []int
	groups, err := all.Clusters(context.Background(), 0.5, func(done, total int) { bands = append(bands, done) })
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) == 0 || len(groups[0]) != 300 || groups[0][0] != 1 || groups[0][299] != 300 {
		t.Fatalf("largest cluster %d articles; %d clusters", len(groups[0]), len(groups))
	}
	if len(bands) != clusterBands || bands[len(bands)-1] != clusterBands {
		t.Errorf("progress %v", bands)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := all.Clusters(ctx, 0.5, nil); err == nil {
		t.Error("a canceled clustering returned no error")
	}
}

func TestSortHashes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	var spare []uint32
	for _, n := range []int{0, 1, 63, 64, 65, 300, 5000} {
		hashes := make([]uint32, n)
		for i := range hashes {
			hashes[i] = rng.Uint32()
			if i%7 == 3 {
				hashes[i] &= 0xFF00FF // bytes every hash shares, and duplicates
			}
		}
		want := slices.Sorted(slices.Values(hashes))
		spare = sortHashes(hashes, spare)
		if !slices.Equal(hashes, want) {
			t.Fatalf("%d hashes: not sorted", n)
		}
	}
}
