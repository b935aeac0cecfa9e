/*
 * report_docs.h - the documents the pack's suites render (check_report.c,
 * check_report_xlsx.c): a summary (with markup in its texts, a suppressed
 * row and a missing mean) and a matrix with pupils' names, as
 * track-summary and track-matrix write them with -F json.
 */
#ifndef TRACK_TEST_REPORT_DOCS_H
#define TRACK_TEST_REPORT_DOCS_H

static const char summary_doc[] =
    "{\"report\":\"summary\",\"kind\":\"overview\",\"scheme\":\"x\","
    "\"points\":[{\"id\":\"autumn\",\"label\":\"Autumn\"}],\"by\":[],"
    "\"bands\":[{\"id\":\"below\",\"label\":\"Below\",\"standard\":false},"
    "{\"id\":\"at\",\"label\":\"At\",\"standard\":true}],"
    "\"min_group\":5,"
    "\"columns\":[{\"id\":\"subject\",\"label\":\"Subject\"},"
    "{\"id\":\"point\",\"label\":\"Point\"},{\"id\":\"n\",\"label\":\"Pupils\"},"
    "{\"id\":\"below\",\"label\":\"Below\"},{\"id\":\"pct_below\",\"label\":\"%\"},"
    "{\"id\":\"at\",\"label\":\"At\"},{\"id\":\"pct_at\",\"label\":\"%\"},"
    "{\"id\":\"pct_at_or_above\",\"label\":\"% at or above\"},"
    "{\"id\":\"mean\",\"label\":\"Mean\"},"
    "{\"id\":\"pupils_below\",\"label\":\"Pupils: Below\"}],"
    "\"rows\":["
    "{\"subject\":\"<b>reading</b>\",\"subject_label\":\"Reading & <i>co</i>\","
    "\"point\":\"autumn\",\"point_label\":\"Autumn\",\"n\":8,\"below\":1,"
    "\"pct_below\":12.5,\"at\":7,\"pct_at\":87.5,\"pct_at_or_above\":87.5,"
    "\"mean\":null,\"pupils_below\":[\"<script>alert(1)</script>\"]},"
    "{\"subject\":\"maths\",\"point\":\"autumn\",\"point_label\":\"Autumn\","
    "\"n\":\"c\",\"below\":\"c\",\"pct_below\":\"c\",\"at\":\"c\","
    "\"pct_at\":\"c\",\"pct_at_or_above\":\"c\",\"mean\":null,"
    "\"pupils_below\":\"c\"}]}";

static const char matrix_doc[] =
    "{\"report\":\"matrix\",\"scheme\":\"x\","
    "\"from\":{\"selector\":\"point=autumn\",\"point\":\"autumn\","
    "\"point_label\":\"Autumn\"},\"to\":{\"selector\":\"point=summer\","
    "\"point\":\"summer\",\"point_label\":\"Summer\"},"
    "\"matrices\":[{\"subject\":\"reading\",\"subject_label\":\"Reading\","
    "\"rows\":[{\"id\":\"WTS\",\"label\":\"WTS\"},{\"id\":\"EXS\",\"label\":\"EXS\"}],"
    "\"cols\":[{\"id\":\"WTS\",\"label\":\"WTS\"},{\"id\":\"EXS\",\"label\":\"EXS\"}],"
    "\"cells\":[[1,2],[0,3]],\"row_totals\":[3,3],\"col_totals\":[1,5],"
    "\"total\":6,\"up\":2,\"same\":4,\"down\":0,"
    "\"pupils\":[[[\"Amy\"],[\"Ben\",\"Cal\"]],[[],[\"D\",\"E\",\"F\"]]]}]}";

#endif
