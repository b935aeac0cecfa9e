/*
 * check_reader_ctf.c - unit tests for lib/record/reader_ctf.c: Common
 * Transfer Files as rows, the pupil's details on each, entities, CDATA,
 * namespaces and CRLF, FSM from the history, a pupil with no result,
 * unknown elements and malformed XML.  See reader_dump.h for dump().
 */
#include "check_main.h"
#include "reader_dump.h"

/* A CTF around one pupil's XML. */
#define CTF(pupils) "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<CTfile><Header><CTFversion>25.0</CTFversion></Header>\n" \
	"<CTFpupilData>\n" pupils "</CTFpupilData></CTfile>\n"

#define HDR "H/17:upn|surname|forename|dob|sex|fsm|sen|ncyear|stage|" \
	"locale|year|subject|method|component|status|qualifier|result\n"

#define KS2_REA "<StageAssessment><Locale>ENG</Locale><Year>2026</Year>" \
	"<Subject>ENG</Subject><Method>TT</Method><Component>REA" \
	"</Component><ResultStatus>F</ResultStatus><ResultQualifier>SS" \
	"</ResultQualifier><Result>105</Result><ResultDate>2026-07-08" \
	"</ResultDate></StageAssessment>\n"

START_TEST(ctf_basic)
{
	track_reader *r;
	track_error err;

	EXPECT(NULL, CTF("<Pupil><UPN>A1</UPN><Surname>Bell</Surname>"
	    "<Forename>Jo</Forename><DOB>2015-01-02</DOB><Sex>F</Sex>\n"
	    "<BasicDetails><NCyearActual>6</NCyearActual></BasicDetails>\n"
	    "<SENhistory><SEN><SENprovision>K</SENprovision></SEN>"
	    "</SENhistory>\n<StageAssessments><KeyStage><Stage>KS2</Stage>\n"
	    KS2_REA KS2_REA "</KeyStage></StageAssessments></Pupil>\n"),
	    HDR "8/17:A1|Bell|Jo|2015-01-02|F||K|6|KS2|ENG|2026|ENG|TT|REA|F|"
	    "SS|105\n9/17:A1|Bell|Jo|2015-01-02|F||K|6|KS2|ENG|2026|ENG|TT|"
	    "REA|F|SS|105\nEOF\n");
	ck_assert_int_eq(reader_open(&r, WRITE("c", CTF("")), NULL, &err), 0);
	ck_assert_int_eq(reader_format(r), TRACK_IN_CTF);
	reader_close(r);
}
END_TEST

START_TEST(ctf_text_quirks)
{
	/* Entities, CDATA, a comment, a prefix, attributes and CRLF. */
	EXPECT(NULL, "<?xml version=\"1.0\"?>\r\n<!-- c -->\r\n"
	    "<x:CTfile xmlns:x=\"urn:x\" a=\"1\"><x:CTFpupilData>\r\n"
	    "<x:Pupil id=\"7\"><x:UPN> A2 </x:UPN>\r\n<x:Surname>O&apos;"
	    "Brien</x:Surname><x:Forename><![CDATA[Zo\xC3\xAB & co]]>"
	    "</x:Forename><!-- between -->\r\n<x:Gender>M</x:Gender>"
	    "</x:Pupil></x:CTFpupilData></x:CTfile>\r\n",
	    HDR "4/17: A2 |O'Brien|Zo\xC3\xAB & co||M||||||||||||\nEOF\n");
}
END_TEST

START_TEST(ctf_fsm)
{
	/* An instance with no end date: eligible now; FSMeligible wins. */
	EXPECT(NULL, CTF("<Pupil><UPN>A1</UPN><FSMhistory><FSMinstance>"
	    "<FSMstartDate>2024-01-01</FSMstartDate></FSMinstance>"
	    "</FSMhistory></Pupil>\n<Pupil><UPN>A2</UPN><FSMhistory>"
	    "<FSMinstance><FSMendDate>2024-01-01</FSMendDate></FSMinstance>"
	    "</FSMhistory></Pupil>\n<Pupil><UPN>A3</UPN><BasicDetails>"
	    "<FSMeligible>false</FSMeligible></BasicDetails><FSMhistory>"
	    "<FSMinstance/></FSMhistory></Pupil>\n"),
	    HDR "4/17:A1|||||true|||||||||||\n5/17:A2|||||false|||||||||||\n"
	    "6/17:A3|||||false|||||||||||\nEOF\n");
}
END_TEST

START_TEST(ctf_contacts_skipped)
{
	/* A contact's Surname is not the pupil's. */
	EXPECT(NULL, CTF("<Pupil><UPN>A1</UPN><Surname>Bell</Surname>"
	    "<Contacts><Contact><Surname>Parent</Surname></Contact>"
	    "</Contacts></Pupil>\n"),
	    HDR "4/17:A1|Bell|||||||||||||||\nEOF\n");
}
END_TEST

START_TEST(ctf_unknown_element)
{
	EXPECT(NULL, CTF("<Pupil><UPN>A1</UPN><StageAssessments><KeyStage>"
	    "<Stage>KS2</Stage>\n<StageAssessment>\n<Marks>4</Marks><Junk/>"
	    "<Result>99</Result></StageAssessment>\n<Note/>\n"
	    "</KeyStage></StageAssessments></Pupil>\n"),
	    HDR "5/17:A1||||||||KS2||||||||99\n"
	    "6/1!6:unknown element <Marks> in <StageAssessment>; left out "
	    "(and more after it)\n"
	    "7/1!7:unknown element <Note> in <KeyStage>; left out\nEOF\n");
}
END_TEST

START_TEST(ctf_malformed)
{
	EXPECT(NULL, CTF("<Pupil><UPN>A1</UPN></Pupil>\n<Pupil><UPN>A2"
	    "</Pupil>\n"),
	    HDR "4/17:A1||||||||||||||||\n5/1!5:malformed XML: mismatched "
	    "tag (column 17); the rest of the file is not read\nEOF\n");
	EXPECT(NULL, "<CTfile><CTFpupilData><Pupil><UPN>A1</UPN></Pupil>",
	    HDR "1/17:A1||||||||||||||||\n1/1!1:malformed XML: no element "
	    "found (column 51); the file may be cut short\nEOF\n");
	EXPECT(NULL, "<Census><Pupil/></Census>\n",
	    HDR "1/1!1:not a Common Transfer File: the root element is "
	    "<Census>, not <CTfile>\nEOF\n");
}
END_TEST

START_TEST(ctf_long_field)
{
	struct track_reader_opts o;

	memset(&o, 0, sizeof o);
	o.max_field = 4;
	EXPECT(&o, CTF("<Pupil><UPN>A123456</UPN></Pupil>\n"),
	    HDR "4/0!4:\nEOF\n");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("reader_ctf");
	TCase *tc;

	tc = tcase_create("ctf");
	tcase_add_unchecked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, ctf_basic);
	tcase_add_test(tc, ctf_text_quirks);
	tcase_add_test(tc, ctf_fsm);
	tcase_add_test(tc, ctf_contacts_skipped);
	tcase_add_test(tc, ctf_unknown_element);
	tcase_add_test(tc, ctf_malformed);
	tcase_add_test(tc, ctf_long_field);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite())
