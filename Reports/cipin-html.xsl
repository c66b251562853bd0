<?xml version="1.0" encoding="UTF-8"?>
<!--
  Cipin's HTML layer over the DocBook XSL-NS stylesheets: one page, index.html, styled by cipin.css.

  The standard stylesheet is imported by its canonical URI. Debian's docbook-xsl-ns maps that URI to
  /usr/share/xml/docbook/stylesheet/docbook-xsl-ns/ through the XML catalog (/etc/xml/catalog), so
  xsltproc works offline with its "nonet" option (two hyphens, which XML comments cannot hold):

      xsltproc [nonet] Reports/cipin-html.xsl Reports/seed/report.xml > Reports/seed/index.html

  `cipin render Reports/seed/report.xml` does this and copies cipin.css beside index.html.

  What this layer changes:
  - UTF-8 output with an HTML5 doctype (standards mode) and a viewport for phones;
  - links cipin.css instead of inline decoration;
  - the title page also shows the report's date and its info items (info/date and
    info/bibliomisc[@role='info-item'], which the default title page drops), as a definition list;
  - a table of contents down to subsections, numbered sections;
  - tables get their borders and zebra rows from CSS, numeric columns keep DocBook's align="right";
  - SVG images are shown with <img> and alt text, scaled by CSS to the page width, linked to the
    SVG file (opened alone, its tooltips show every value).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    exclude-result-prefixes="d xlink">

  <xsl:import href="http://docbook.sourceforge.net/release/xsl-ns/current/html/docbook.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:param name="chunker.output.encoding">UTF-8</xsl:param>
  <xsl:param name="html.stylesheet">cipin.css</xsl:param>
  <xsl:param name="css.decoration" select="0"/>
  <xsl:param name="make.valid.html" select="1"/>
  <xsl:param name="html.cleanup" select="1"/>
  <xsl:param name="generate.toc">article toc,title</xsl:param>
  <xsl:param name="toc.section.depth" select="2"/>
  <xsl:param name="section.autolabel" select="1"/>
  <xsl:param name="section.autolabel.max.depth" select="3"/>
  <xsl:param name="table.borders.with.css" select="0"/>
  <xsl:param name="default.table.frame">none</xsl:param>
  <xsl:param name="use.svg" select="1"/>
  <xsl:param name="use.embed.for.svg" select="0"/>
  <!-- Image sizes come from CSS (max-width: 100%), not from fixed width attributes. -->
  <xsl:param name="ignore.image.scaling" select="1"/>

  <!-- No bgcolor/link colour attributes on body: colours come from cipin.css. -->
  <xsl:template name="body.attributes"/>

  <xsl:template name="user.head.content">
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
  </xsl:template>

  <!-- The default article title page has no place for info/date or bibliomisc: show them here. -->
  <xsl:template name="article.titlepage.verso">
    <xsl:variable name="info" select="d:info"/>
    <xsl:if test="$info/d:date or $info/d:bibliomisc">
      <dl class="report-info">
        <xsl:for-each select="$info/d:date">
          <dt class="date-label">
            <xsl:choose>
              <xsl:when test="starts-with(ancestor-or-self::*[@xml:lang][1]/@xml:lang, 'zh')">日期</xsl:when>
              <xsl:otherwise>Date</xsl:otherwise>
            </xsl:choose>
          </dt>
          <dd class="date"><xsl:apply-templates/></dd>
        </xsl:for-each>
        <xsl:for-each select="$info/d:bibliomisc">
          <xsl:variable name="label" select="d:phrase[@role='label'][1]"/>
          <xsl:choose>
            <xsl:when test="$label">
              <dt><xsl:apply-templates select="$label/node()"/></dt>
              <dd>
                <!-- The value is what follows the label and its ": ". -->
                <xsl:value-of select="normalize-space(substring-after(string(.), concat(string($label), ':')))"/>
              </dd>
            </xsl:when>
            <xsl:otherwise>
              <dd class="unlabelled"><xsl:apply-templates/></dd>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </dl>
    </xsl:if>
  </xsl:template>

  <!--
    SVG charts as <img> with the figure's text description as alt text (the stock stylesheet writes an
    <object> without one), linked to the SVG itself, where the tooltips on bars and points work.
  -->
  <xsl:template match="d:imagedata[@format = 'SVG']">
    <xsl:variable name="alt" select="normalize-space(ancestor::d:mediaobject[1]/d:textobject[1]/d:phrase[1])"/>
    <a class="chart-link" href="{@fileref}">
      <img src="{@fileref}" alt="{$alt}"/>
    </a>
  </xsl:template>

  <!--
    A link to a file written with the report (terms.csv): relative to the report's folder, so a page
    rendered into another folder (cipin render with an output folder) gets the path from there to it in
    cipin.file.base, which ends in "/" (empty beside the report).
  -->
  <xsl:param name="cipin.file.base" select="''"/>
  <xsl:template match="d:link[@xlink:href and not(contains(@xlink:href, ':')) and not(starts-with(@xlink:href, '#'))
                              and not(starts-with(@xlink:href, '/'))]">
    <a class="link" href="{concat($cipin.file.base, @xlink:href)}"><xsl:apply-templates/></a>
  </xsl:template>

  <!-- A horizontal rule under the title page reads as clutter next to the info list. -->
  <xsl:template name="article.titlepage.separator"/>

</xsl:stylesheet>
