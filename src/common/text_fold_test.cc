#include "common/text_fold.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace rapport {
namespace {

std::string Doc(std::vector<std::string_view> values) { return SearchDocument(values); }

// The terms of `query` joined by '|', to compare in one string.
std::string Terms(std::string_view query) {
  std::string out;
  for (const std::string& t : SearchTerms(query)) out += (out.empty() ? "" : "|") + t;
  return out;
}

bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

TEST(FoldForSearchTest, CaseAndAccents) {
  EXPECT_EQ(FoldForSearch("Zoë O'Brien-Müller"), "zoe o brien muller");
  EXPECT_EQ(FoldForSearch("ÉLODIE Ångström"), "elodie angstrom");
  EXPECT_EQ(FoldForSearch("Crème Brûlée"), "creme brulee");
  EXPECT_EQ(FoldForSearch("Zoe\xCC\x88"), "zoe");  // e + COMBINING DIAERESIS
  EXPECT_EQ(FoldForSearch("ÇAĞRI Şahin"), "cagri sahin");
  EXPECT_EQ(FoldForSearch("İstanbul ılık"), "istanbul ilik");
  EXPECT_EQ(FoldForSearch("Ελληνικά ΟΔΥΣΣΕΥΣ"), "ελληνικα οδυσσευσ");
  EXPECT_EQ(FoldForSearch("Москва Ёлка"), "москва елка");
  EXPECT_EQ(FoldForSearch("Nguyễn Văn Đức"), "nguyen van duc");
}

TEST(FoldForSearchTest, LigaturesAndCompatibilityForms) {
  EXPECT_EQ(FoldForSearch("Straße STRASSE ẞ"), "strasse strasse ss");
  EXPECT_EQ(FoldForSearch("ﬁnance ﬂow"), "finance flow");
  EXPECT_EQ(FoldForSearch("Ærø Œuvre"), "aero oeuvre");
  EXPECT_EQ(FoldForSearch("Søren Łódź Đorđe Þór Ħamrun"), "soren lodz dorde thor hamrun");
  EXPECT_EQ(FoldForSearch("Ｒａｐｐｏｒｔ １２３"), "rapport 123");
  EXPECT_EQ(FoldForSearch("① Ⅻ x² ½"), "1 xii x2 1 2");
  EXPECT_EQ(FoldForSearch("Ǆemal"), "dzemal");
}

TEST(FoldForSearchTest, OtherScripts) {
  EXPECT_EQ(FoldForSearch("東京都庁、大阪"), "東京都庁 大阪");  // no segmentation inside a run
  EXPECT_EQ(FoldForSearch("ｶﾞｽ が"), "カス か");              // voicing marks are marks
  EXPECT_EQ(FoldForSearch("한국"), "\u1112\u1161\u11AB\u1100\u116E\u11A8");  // jamo
  EXPECT_EQ(FoldForSearch("مرحبا بالعالم"), "مرحبا بالعالم");
  EXPECT_EQ(FoldForSearch("tel ٠٣٠ ۱۲ ७ ๙"), "tel 030 12 7 9");  // decimal digits of any script
  EXPECT_EQ(FoldForSearch("می\u200Cخواهم"), "میخواهم");         // ZWNJ vanishes inside a word
  EXPECT_EQ(FoldForSearch("Wunder\u00ADbar"), "wunderbar");      // soft hyphen
  EXPECT_EQ(FoldForSearch("one\u200Btwo"), "one two");           // zero width space separates
}

TEST(FoldForSearchTest, PunctuationSymbolsAndEmoji) {
  EXPECT_EQ(FoldForSearch("  --Hello,   World!!  "), "hello world");
  EXPECT_EQ(FoldForSearch("ada.lovelace+crm@example.co.uk"), "ada lovelace crm example co uk");
  EXPECT_EQ(FoldForSearch("C++ & C#"), "c c");
  EXPECT_EQ(FoldForSearch("Café 👍🏽 ☕ 🇩🇪 team"), "cafe team");
  EXPECT_EQ(FoldForSearch("👨‍👩‍👧"), "");
  EXPECT_EQ(FoldForSearch("1️⃣ 2"), "1 2");
  EXPECT_EQ(FoldForSearch("tab\there\nnew\r\nline\x01x"), "tab here new line x");
  EXPECT_EQ(FoldForSearch("price: €1,234.50"), "price 1 234 50");
  EXPECT_EQ(FoldForSearch("a\u00A0b\u2003c\u3000d"), "a b c d");
}

TEST(FoldForSearchTest, EmptyAndBlank) {
  EXPECT_EQ(FoldForSearch(""), "");
  EXPECT_EQ(FoldForSearch("   "), "");
  EXPECT_EQ(FoldForSearch("!?-- ..."), "");
  EXPECT_EQ(FoldForSearch(std::string_view("\0\0", 2)), "");
  EXPECT_EQ(FoldForSearch(std::string_view("a\0b", 3)), "a b");
}

TEST(FoldForSearchTest, InvalidUtf8ReadsAsLatin1) {
  EXPECT_EQ(FoldForSearch("M\xFCller"), "muller");
  EXPECT_EQ(FoldForSearch("caf\xE9"), "cafe");
  EXPECT_EQ(FoldForSearch("ab\x80\x81" "cd"), "ab cd");   // C1 controls separate
  EXPECT_EQ(FoldForSearch("x\xC3"), "xa");               // a cut sequence: Ã
  EXPECT_EQ(FoldForSearch("\xC0\xAF"), "a");              // overlong '/': À ¯
  EXPECT_EQ(FoldForSearch("\xED\xA0\x80z"), "i z");       // a surrogate: í, NBSP, C1
  EXPECT_EQ(FoldForSearch("\xFF\xFE"), "yth");            // ÿ þ
  // Whatever the bytes, the result is valid UTF-8 and folding it again changes nothing.
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  for (int b = 255; b >= 0; --b) all += static_cast<char>(b);
  const std::string folded = FoldForSearch(all);
  EXPECT_TRUE(IsValidUtf8(folded));
  EXPECT_EQ(FoldForSearch(folded), folded);
}

TEST(FoldForSearchTest, IsIdempotentOnVariedText) {
  for (std::string_view s : {"Zoë O'Brien-Müller", "Ærø", "ß", "東京", "한국어", "٠٣٠", "ﬁ", "İı", "ｶﾞ"}) {
    const std::string once = FoldForSearch(s);
    EXPECT_EQ(FoldForSearch(once), once) << s;
  }
}

TEST(SearchDocumentTest, JoinsFoldedValues) {
  EXPECT_EQ(Doc({"Zoë", "", "O'Brien-Müller", "  ", "zoe@example.com"}), "zoe o brien muller zoe example com");
  EXPECT_EQ(Doc({}), "");
  EXPECT_EQ(Doc({"", "!!"}), "");
  std::vector<std::string> strings = {"Ada", "Lovelace"};
  EXPECT_EQ(SearchDocument(strings), "ada lovelace");
}

TEST(SearchDocumentTest, PhoneNumbersAddTheirDigitsFromEachGroupOn) {
  EXPECT_EQ(Doc({"+49 (30) 1234-56"}), "49 30 1234 56 4930123456 30123456 123456");
  EXPECT_EQ(Doc({"Zoë", "030/1234 56", "Berlin"}), "zoe 030 1234 56 030123456 123456 berlin");
  EXPECT_EQ(Doc({"+1\u00A0555\u2013123\u20134567"}),
            "1 555 123 4567 15551234567 5551234567 1234567");  // NBSP, en dashes
  EXPECT_EQ(Doc({"٠٣٠ ١٢٣٤"}), "030 1234 0301234");
  EXPECT_EQ(Doc({"+4930123456"}), "4930123456");                // one group: the word is the number
  EXPECT_EQ(Doc({"Tel. +49 30 1234"}), "tel 49 30 1234");        // words besides digits: not a number
  EXPECT_EQ(Doc({"+1 555 123 4567 ext 89"}), "1 555 123 4567 ext 89");
  EXPECT_EQ(Doc({"12 34", "56 78"}), "12 34 1234 56 78 5678");  // each value on its own
}

TEST(SearchTermsTest, FoldsAndLimits) {
  EXPECT_EQ(Terms("Zoë  O'Bri"), "zoe|o|bri");
  EXPECT_EQ(Terms("MÜLLER müller Muller"), "muller");  // duplicates dropped
  EXPECT_EQ(Terms(""), "");
  EXPECT_EQ(Terms("  ?! 👍 "), "");
  EXPECT_EQ(Terms("a b c d e f g h i j"), "a|b|c|d|e|f|g|h");
  EXPECT_EQ(Terms("a a a a a a a a a b"), "a|b");  // the limit counts distinct terms
  const std::string long_word(100, 'x');
  EXPECT_EQ(Terms(long_word + " y"), std::string(64, 'x') + "|y");
  // A cut never splits a character: 40 × "東" is 120 bytes, cut to 21 characters (63 bytes).
  std::string tokyo;
  for (int i = 0; i < 40; ++i) tokyo += "東";
  const std::vector<std::string> cjk = SearchTerms(tokyo);
  ASSERT_EQ(cjk.size(), 1u);
  EXPECT_EQ(cjk[0].size(), 63u);
  EXPECT_TRUE(IsValidUtf8(cjk[0]));
  EXPECT_EQ(Terms("M\xFCller"), "muller");
}

TEST(SearchTermsTest, PhoneQueriesAreOneTerm) {
  EXPECT_EQ(Terms("+49 (30) 1234"), "49301234");
  EXPECT_EQ(Terms("030-1234-56"), "030123456");
  EXPECT_EQ(Terms("4930"), "4930");
  EXPECT_EQ(Terms("zoe 030 1234"), "zoe|030|1234");
  EXPECT_EQ(Terms(std::string(40, '1') + " " + std::string(40, '2')), std::string(40, '1') + std::string(24, '2'));
}

TEST(SearchQueryTest, Fts5PrefixQuery) {
  EXPECT_EQ(Fts5PrefixQuery(std::vector<std::string>{"jo", "smi"}), R"("jo"* AND "smi"*)");
  EXPECT_EQ(Fts5PrefixQuery(std::vector<std::string>{"zoe"}), R"("zoe"*)");
  EXPECT_EQ(Fts5PrefixQuery(std::vector<std::string>{}), "");
  EXPECT_EQ(Fts5PrefixQuery(std::vector<std::string>{"", "a"}), R"("a"*)");
  EXPECT_EQ(Fts5PrefixQuery(std::vector<std::string>{R"(say "hi")", "it's", "NEAR", "a*b"}),
            R"("say ""hi"""* AND "it's"* AND "NEAR"* AND "a*b"*)");
  EXPECT_EQ(Fts5PrefixQuery(SearchTerms("Zoë O'Brien")), R"("zoe"* AND "o"* AND "brien"*)");
}

TEST(SearchQueryTest, TsqueryPrefix) {
  EXPECT_EQ(TsqueryPrefix(std::vector<std::string>{"jo", "smi"}), "'jo':* & 'smi':*");
  EXPECT_EQ(TsqueryPrefix(std::vector<std::string>{"zoe"}), "'zoe':*");
  EXPECT_EQ(TsqueryPrefix(std::vector<std::string>{}), "");
  EXPECT_EQ(TsqueryPrefix(std::vector<std::string>{"", "a"}), "'a':*");
  EXPECT_EQ(TsqueryPrefix(std::vector<std::string>{"o'brien", R"(back\slash)", "a & !b"}),
            R"('o''brien':* & 'back\\slash':* & 'a & !b':*)");
  EXPECT_EQ(TsqueryPrefix(SearchTerms("+49 30 12")), "'493012':*");
}

}  // namespace
}  // namespace rapport
