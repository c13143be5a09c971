package store

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/parallax-news/parallax/app"
)

// TestImportSignsAfterSync: an import's articles are due a signature
// until its Sync, then the signer signs them; a similarity query signs
// what is due itself; due marks outlive Close; a deleted article is never
// signed and a revised one is signed from its latest revision.
func TestImportSignsAfterSync(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.signer.wait() // Open's pass, over an empty store
	talks := "The Kremlin invited Ukraine's president to Moscow for peace talks on Tuesday, and Kyiv called the offer a trap."
	batch := func(from, to int) []app.Draft {
		var ds []app.Draft
		for i := from; i < to; i++ {
			ds = append(ds, draft("Outlet", fmt.Sprintf("https://example.org/%d", i), fmt.Sprintf("Story %d", i), fmt.Sprintf("%s Report number %d.", talks, i)))
		}
		return ds
	}
	for _, b := range [][2]int{{0, 20}, {20, 40}} {
		if _, err := s.IngestPrepared(s.PrepareIngest(batch(b[0], b[1]))); err != nil {
			t.Fatal(err)
		}
	}
	s.signer.wait()
	if sigs, due := countKeys(t, s, prefixSig), countKeys(t, s, prefixSigDue); sigs != 0 || due != 40 {
		t.Errorf("during the import: %d signed, %d due; want 0 and 40", sigs, due)
	}
	if err := s.Sync(); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishMerges(context.Background()); err != nil {
		t.Fatal(err)
	}
	if sigs, due := countKeys(t, s, prefixSig), countKeys(t, s, prefixSigDue); sigs != 40 || due != 0 {
		t.Errorf("after the import: %d signed, %d due; want 40 and 0", sigs, due)
	}
	checkSignatures(t, s)

	// Due articles, then a query before any Sync: it signs them first.
	if _, err := s.IngestPrepared(s.PrepareIngest(batch(40, 50))); err != nil {
		t.Fatal(err)
	}
	if got := similarIDs(t, s, 45); len(got) != 10 || slices.Contains(got, 45) {
		t.Errorf("similar to a just-stored article 45: %v, want 10 of its siblings", got)
	}
	if due := countKeys(t, s, prefixSigDue); due != 0 {
		t.Errorf("a similarity query left %d articles due", due)
	}

	// Due marks survive Close; Open starts the signer.
	if _, err := s.IngestPrepared(s.PrepareIngest(batch(50, 60))); err != nil {
		t.Fatal(err)
	}
	// Article 52 is deleted and 53 revised while due.
	if _, err := s.DeleteArticle(52); err != nil {
		t.Fatal(err)
	}
	revised := draft("Outlet", "https://example.org/53", "Story 53", "The cup final kicks off tonight with both teams at full strength.")
	if _, err := s.IngestPrepared(s.PrepareIngest([]app.Draft{revised})); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.signer.wait()
	if due := countKeys(t, s, prefixSigDue); due != 0 {
		t.Errorf("after reopening: %d articles still due", due)
	}
	if sigs := countKeys(t, s, prefixSig); sigs != 59 {
		t.Errorf("after reopening: %d signatures, want 59 (60 less the deleted one)", sigs)
	}
	checkSignatures(t, s) // 53's is its second revision's
}
