package compare

import (
	"slices"
	"testing"
)

func TestSentences(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"plain", "Talks start today. Both sides agreed! Will they last? Nobody knows.",
			[]string{"Talks start today.", "Both sides agreed!", "Will they last?", "Nobody knows."}},
		{"titles", "Mr. Putin met Dr. Smith and Gen. Syrskyi. They talked.",
			[]string{"Mr. Putin met Dr. Smith and Gen. Syrskyi.", "They talked."}},
		{"acronym mid-sentence", "The U.S. State Department said no. Kyiv agreed.",
			[]string{"The U.S. State Department said no.", "Kyiv agreed."}},
		{"acronym at the end", "Troops left the U.S. The base closed.",
			[]string{"Troops left the U.S.", "The base closed."}},
		{"month and day", "On Jan. 5 the talks began. In Feb. 2024 they failed.",
			[]string{"On Jan. 5 the talks began.", "In Feb. 2024 they failed."}},
		{"initials", "George W. Bush and J. K. Rowling spoke.", []string{"George W. Bush and J. K. Rowling spoke."}},
		{"numbers and addresses", "Growth was 3.5% at bbc.co.uk today. It fell.", []string{"Growth was 3.5% at bbc.co.uk today.", "It fell."}},
		{"quote closes the sentence", "He said: “We will not go.” Then he left.",
			[]string{"He said: “We will not go.”", "Then he left."}},
		{"question inside a quote", "“Why now?” he asked. “Because.”", []string{"“Why now?” he asked.", "“Because.”"}},
		{"ellipsis", "Wait… the talks go on. Then… Nothing.", []string{"Wait… the talks go on.", "Then…", "Nothing."}},
		{"dateline", "MOSCOW (Reuters) – The Kremlin invited Zelenskiy. Kyiv refused.",
			[]string{"MOSCOW (Reuters) – The Kremlin invited Zelenskiy.", "Kyiv refused."}},
		{"heading and paragraphs", "Peace talks\n\nThe Kremlin spoke. Kyiv answered\nLast line.",
			[]string{"Peace talks", "The Kremlin spoke.", "Kyiv answered", "Last line."}},
		{"company", "Shares of Acme Inc. rose. Apple Inc. The firm said so.",
			[]string{"Shares of Acme Inc. rose.", "Apple Inc.", "The firm said so."}},
		{"Cyrillic", "Кремль пригласил Зеленского. Киев отказался.", []string{"Кремль пригласил Зеленского.", "Киев отказался."}},
		{"tokenised quotes", "said Dr. Wen , head of the group . “ Patients expect answers . ” The rule passed .",
			[]string{"said Dr. Wen , head of the group .", "“ Patients expect answers . ”", "The rule passed ."}},
		{"tokenised title", "Sen . Graham spoke .", []string{"Sen . Graham spoke ."}},
		{"empty", "  \n\n ", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			rs := []rune(c.text)
			var got []string
			for _, s := range Sentences(c.text) {
				got = append(got, string(rs[s.Start:s.End]))
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", c.text, got, c.want)
			}
		})
	}
}
