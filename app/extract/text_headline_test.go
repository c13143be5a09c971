package extract

import "testing"

// First lines that are headlines, abbreviations and all, and first lines
// of body text that are not (issue 27: "U.S. Attorney Subpoenas Campaign
// and New Jersey G.O.P." became part of the body).
func TestLooksLikeHeadline(t *testing.T) {
	for _, c := range []struct {
		line     string
		headline bool
	}{
		{"U.S. Attorney Subpoenas Campaign and New Jersey G.O.P.", true},
		{"Kremlin invites Zelenskiy to Moscow for peace talks", true},
		{"Mr. Putin's offer: talks in Moscow, not Istanbul", true},
		{"G.O.P. Leaders Meet in Washington on Jan. 6 Inquiry", true},
		{"Dr. Smith Wins Nobel Prize", true},
		{"Sen. Warren, Rep. Ocasio-Cortez Press Gov. Hochul on Congestion Pricing", true},
		{"E.U. and U.K. agree on Northern Ireland trade", true},
		{"Apple Inc. Posts Record Quarter", true},
		{"J.K. Rowling's new book tops charts", true},
		{"Trump signs order. Critics react", true},
		{"‘We will not go’: Kyiv rejects the Kremlin’s invitation", true},
		{"Kyiv called the invitation a trap. An adviser said the president would not travel to Moscow.", false},
		{"The council met on Monday. It voted nine to four.", false},
		{"President Donald Trump, bowing to a deepening humanitarian crisis along the southwest border, signed an executive order Wednesday that promises to halt family separation while insisting on zero tolerance.", false},
		{"Mr. Smith said the deal was close. Talks resume on Friday.", false},
		{"", false},
	} {
		if got := looksLikeHeadline(c.line); got != c.headline {
			t.Errorf("%q: headline %v, want %v", c.line, got, c.headline)
		}
	}
}

func TestHeadlineWithInitialismsBecomesTheTitle(t *testing.T) {
	docs, _, err := Parse("nyt.txt", "U.S. Attorney Subpoenas Campaign and New Jersey G.O.P.\n\nThe subpoenas were issued on Friday.\n")
	if err != nil || len(docs) != 1 {
		t.Fatalf("%v %v", docs, err)
	}
	if docs[0].Title != "U.S. Attorney Subpoenas Campaign and New Jersey G.O.P." {
		t.Errorf("title %q", docs[0].Title)
	}
}
