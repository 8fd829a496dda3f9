BEGIN TRANSACTION;
CREATE TABLE "articles_article" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "headline" varchar(255) NOT NULL, "slug" varchar(255) NOT NULL UNIQUE, "label" varchar(40) NOT NULL, "dek" text NOT NULL, "body" text NOT NULL, "byline" varchar(255) NOT NULL, "published_at" datetime NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "headline_key" varchar(255) NOT NULL, "source_id" varchar(255) NOT NULL, "source_file" varchar(500) NOT NULL, "source_hash" varchar(64) NOT NULL, "imported_at" datetime NULL, "lead_photo_id" bigint NULL REFERENCES "articles_photo" ("id") DEFERRABLE INITIALLY DEFERRED, "section_id" bigint NOT NULL REFERENCES "articles_section" ("id") DEFERRABLE INITIALLY DEFERRED, "status" varchar(20) NOT NULL, "search_document" tsvector NULL, CONSTRAINT "article_has_headline" CHECK (NOT ("headline" = '')), CONSTRAINT "article_published_has_time" CHECK ((NOT ("status" = 'published') OR "published_at" IS NOT NULL)));
INSERT INTO "articles_article" VALUES(1,'Russia Recruiting Prisoners To Fight in Ukraine War in Exchange for Freedom','russia-recruiting-prisoners-to-fight-in-ukraine-war-in-exchange-for-freedom','REPORT','Russia is reportedly recruiting prisoners to fight its war in Ukraine by offering freedom to those who are willing to be deployed to the frontlines. The situation comes as Moscow has struggled to make any significant advance in its invasion.','Russia is reportedly recruiting prisoners to fight its war in Ukraine by offering freedom to those who are willing to be deployed to the frontlines. The situation comes as Moscow has struggled to make any significant advance in its invasion.

Russia is reportedly dangling the idea of freedom in order to recruit prisoners to fight in the Ukraine war as Moscow struggles to find volunteers to join its military aggression.

Convicts in cramped jail cells were offered promises of freedom and riches as frantic phone calls were made between relatives and inmates considering the idea. Later, prisoners vanish, leaving their loved ones to sift through reports of the wounded arriving in hospitals.

## Russia''s Recruitment of Prisoners

That type of situation has been playing out in the convict communities across the Russian nation. With a regular army that has been stretched thin after nearly six months of fighting in Ukraine, there is increasing evidence that the Kremlin is showing its dark side by recruiting Russian prisoners to fight in the war.

After a month-long investigation, many inmates were interviewed over Russia''s newest recruitment scheme, along with their relatives and friends. Activists believe that hundreds have been approached in dozens of prisons across the country.

The individuals include murderers and drug offenders and some have even been taken from the prison where one high-profile American was jailed in Russia. That individual is Paul Whelan, and his brother David said in a statement in July that ten volunteers had left IK17 in Mordovia for the frontlines in Ukraine, as per CNN.

There were dozens of chat messages between reviewed messages that detail the tempting rewards offered to fight in Ukraine, where the risk of death is high. The latest assessments by the West suggest that up to 75,000 Russian troops have been killed or injured since the beginning of the invasion.

Read Also: Russia Launches Iranian Satellite Into Space Amid Concerns Moscow Would Use it To Spy on Ukraine

One prisoner spoke out while inside his cramped jail cell, which had a cat crawling across bunk beds and a fan clamped on top of an old tv. The individual, who was imprisoned for multiple years for drug offenses, spoke on the condition of anonymity and said that Russia accepted murderers but not rapists, pedophiles, extremists, or terrorists.

## Fighting in Ukraine

The convict added that Russian authorities offered amnesty or a pardon in six months to prisoners who would be willing to fight in the war. He noted that the offers were made when unidentified men, believed to be part of a private military contractor''s firm, came to the prison in the first half of July.

According to the Independent, one U.S. official said, "What we need to understand better is that Russia is prepared to operate over a much longer timeframe than we think typically." This comes as Moscow''s advance has slowed down as a result of casualties where 20,000 are thought to have been killed.

The Russian Ministry of Defense said that a "large portion" of the new 3rd Army Corps (3 AC) would comprise volunteers from across the nation, who are being offered "lucrative cash bonuses" for deployment to Ukraine. However, Moscow is unlikely to be able to bring the formation to its typical full strength of 15,000 to 20,000 troops.

This is due to the "very limited levels of popular enthusiasm for volunteering for combat in Ukraine." Russian President Vladimir Putin has so far refrained from ordering a full mobilization, though Ukraine has claimed that a covert mobilization is already underway, drawing on reservists, Fortune reported.','','2026-11-29 07:04:21.695192','2026-11-29 07:04:21.701092','2026-11-29 07:04:21.698823','russiarecruitingprisonerstofightinukrainewarinexchangeforfreedom','0068e990f459f926','/tmp/fixt/seeds/000_0068e990f459f926.txt','85a5c1539fe4104d7d8d19a5c67350a9f5ce1a9e0b3c83142c3e2d9fc2917152','2026-11-29 07:04:21.698823',1,2,'published',NULL);
INSERT INTO "articles_article" VALUES(2,'Harbour cranes stand idle','harbour-cranes-stand-idle','','An editor''s own summary.','Dock workers walked out at dawn over pay.

The port authority said talks would resume.','','2026-11-29 07:04:21.695193','2026-11-29 07:04:21.701092','2026-11-29 07:04:21.710979','harbourcranesstandidle','edited','/tmp/fixt/seeds/002_edited.txt','b6b95d459c786d9eefb920b556e978e9d0da1e34e7587ef46aa6e9948eaff65d','2026-11-29 07:04:21.698823',NULL,1,'published',NULL);
CREATE TABLE "articles_creditalias" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "key" varchar(255) NOT NULL UNIQUE, "credit_id" bigint NOT NULL REFERENCES "articles_photocredit" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "articles_historicalarticle" ("id" bigint NOT NULL, "headline" varchar(255) NOT NULL, "slug" varchar(255) NOT NULL, "label" varchar(40) NOT NULL, "dek" text NOT NULL, "body" text NOT NULL, "byline" varchar(255) NOT NULL, "published_at" datetime NULL, "created_at" datetime NOT NULL, "source_id" varchar(255) NOT NULL, "source_file" varchar(500) NOT NULL, "source_hash" varchar(64) NOT NULL, "imported_at" datetime NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" varchar(100) NULL, "history_type" varchar(1) NOT NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "lead_photo_id" bigint NULL, "section_id" bigint NULL, "status" varchar(20) NOT NULL);
INSERT INTO "articles_historicalarticle" VALUES(1,'Russia Recruiting Prisoners To Fight in Ukraine War in Exchange for Freedom','russia-recruiting-prisoners-to-fight-in-ukraine-war-in-exchange-for-freedom','REPORT','Russia is reportedly recruiting prisoners to fight its war in Ukraine by offering freedom to those who are willing to be deployed to the frontlines. The situation comes as Moscow has struggled to make any significant advance in its invasion.','Russia is reportedly recruiting prisoners to fight its war in Ukraine by offering freedom to those who are willing to be deployed to the frontlines. The situation comes as Moscow has struggled to make any significant advance in its invasion.

Russia is reportedly dangling the idea of freedom in order to recruit prisoners to fight in the Ukraine war as Moscow struggles to find volunteers to join its military aggression.

Convicts in cramped jail cells were offered promises of freedom and riches as frantic phone calls were made between relatives and inmates considering the idea. Later, prisoners vanish, leaving their loved ones to sift through reports of the wounded arriving in hospitals.

## Russia''s Recruitment of Prisoners

That type of situation has been playing out in the convict communities across the Russian nation. With a regular army that has been stretched thin after nearly six months of fighting in Ukraine, there is increasing evidence that the Kremlin is showing its dark side by recruiting Russian prisoners to fight in the war.

After a month-long investigation, many inmates were interviewed over Russia''s newest recruitment scheme, along with their relatives and friends. Activists believe that hundreds have been approached in dozens of prisons across the country.

The individuals include murderers and drug offenders and some have even been taken from the prison where one high-profile American was jailed in Russia. That individual is Paul Whelan, and his brother David said in a statement in July that ten volunteers had left IK17 in Mordovia for the frontlines in Ukraine, as per CNN.

There were dozens of chat messages between reviewed messages that detail the tempting rewards offered to fight in Ukraine, where the risk of death is high. The latest assessments by the West suggest that up to 75,000 Russian troops have been killed or injured since the beginning of the invasion.

Read Also: Russia Launches Iranian Satellite Into Space Amid Concerns Moscow Would Use it To Spy on Ukraine

One prisoner spoke out while inside his cramped jail cell, which had a cat crawling across bunk beds and a fan clamped on top of an old tv. The individual, who was imprisoned for multiple years for drug offenses, spoke on the condition of anonymity and said that Russia accepted murderers but not rapists, pedophiles, extremists, or terrorists.

## Fighting in Ukraine

The convict added that Russian authorities offered amnesty or a pardon in six months to prisoners who would be willing to fight in the war. He noted that the offers were made when unidentified men, believed to be part of a private military contractor''s firm, came to the prison in the first half of July.

According to the Independent, one U.S. official said, "What we need to understand better is that Russia is prepared to operate over a much longer timeframe than we think typically." This comes as Moscow''s advance has slowed down as a result of casualties where 20,000 are thought to have been killed.

The Russian Ministry of Defense said that a "large portion" of the new 3rd Army Corps (3 AC) would comprise volunteers from across the nation, who are being offered "lucrative cash bonuses" for deployment to Ukraine. However, Moscow is unlikely to be able to bring the formation to its typical full strength of 15,000 to 20,000 troops.

This is due to the "very limited levels of popular enthusiasm for volunteering for combat in Ukraine." Russian President Vladimir Putin has so far refrained from ordering a full mobilization, though Ukraine has claimed that a covert mobilization is already underway, drawing on reservists, Fortune reported.','','2026-11-29 07:04:21.695192','2026-11-29 07:04:21.701092','0068e990f459f926','/tmp/fixt/seeds/000_0068e990f459f926.txt','85a5c1539fe4104d7d8d19a5c67350a9f5ce1a9e0b3c83142c3e2d9fc2917152','2026-11-29 07:04:21.698823',1,'2026-11-29 07:04:21.701605','Imported from /tmp/fixt/seeds/000_0068e990f459f926.txt','+',NULL,1,2,'published');
INSERT INTO "articles_historicalarticle" VALUES(2,'Harbour cranes stand idle','harbour-cranes-stand-idle','','Dock workers walked out at dawn over pay.','Dock workers walked out at dawn over pay.

The port authority said talks would resume.','','2026-11-29 07:04:21.695193','2026-11-29 07:04:21.701092','edited','/tmp/fixt/seeds/002_edited.txt','b6b95d459c786d9eefb920b556e978e9d0da1e34e7587ef46aa6e9948eaff65d','2026-11-29 07:04:21.698823',2,'2026-11-29 07:04:21.701605','Imported from /tmp/fixt/seeds/002_edited.txt','+',NULL,NULL,1,'published');
INSERT INTO "articles_historicalarticle" VALUES(2,'Harbour cranes stand idle','harbour-cranes-stand-idle','','An editor''s own summary.','Dock workers walked out at dawn over pay.

The port authority said talks would resume.','','2026-11-29 07:04:21.695193','2026-11-29 07:04:21.701092','edited','/tmp/fixt/seeds/002_edited.txt','b6b95d459c786d9eefb920b556e978e9d0da1e34e7587ef46aa6e9948eaff65d','2026-11-29 07:04:21.698823',3,'2026-11-29 07:04:21.712383',NULL,'~',NULL,NULL,1,'published');
CREATE TABLE "articles_oldslug" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "slug" varchar(255) NOT NULL UNIQUE, "retired_at" datetime NOT NULL, "article_id" bigint NOT NULL REFERENCES "articles_article" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "articles_photo" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "image" varchar(100) NOT NULL, "caption" text NOT NULL, "alt_text" varchar(300) NOT NULL, "width" integer unsigned NULL CHECK ("width" >= 0), "height" integer unsigned NULL CHECK ("height" >= 0), "created_at" datetime NOT NULL, "credit_id" bigint NULL REFERENCES "articles_photocredit" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "photo_image_has_alt_text" CHECK (("image" = '' OR NOT ("alt_text" = ''))));
INSERT INTO "articles_photo" VALUES(1,'','','',NULL,NULL,'2026-11-29 07:04:21.700295',1);
CREATE TABLE "articles_photocredit" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "text" varchar(255) NOT NULL, "key" varchar(255) NOT NULL UNIQUE, "creator" varchar(200) NOT NULL, "agency" varchar(200) NOT NULL, "distributor" varchar(200) NOT NULL);
INSERT INTO "articles_photocredit" VALUES(1,'OLGA MALTSEVA/AFP via Getty Images','olga maltseva/afp via getty images','Olga Maltseva','AFP','Getty Images');
CREATE TABLE "articles_relatedlink" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "placement" varchar(10) NOT NULL, "position" smallint unsigned NOT NULL CHECK ("position" >= 0), "title" varchar(500) NOT NULL, "title_key" varchar(500) NOT NULL, "url" varchar(200) NOT NULL, "target_id" bigint NULL REFERENCES "articles_article" ("id") DEFERRABLE INITIALLY DEFERRED, "article_id" bigint NOT NULL REFERENCES "articles_article" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "relatedlink_unique_position" UNIQUE ("article_id", "placement", "position"), CONSTRAINT "relatedlink_has_title" CHECK (NOT ("title" = '')), CONSTRAINT "relatedlink_not_to_itself" CHECK (NOT ("target_id" = ("article_id") AND "target_id" IS NOT NULL)), CONSTRAINT "relatedlink_url_is_web_address" CHECK (("url" = '' OR "url" LIKE 'http://%' ESCAPE '\' OR "url" LIKE 'https://%' ESCAPE '\')));
INSERT INTO "articles_relatedlink" VALUES(1,'inline',0,'Russia Launches Iranian Satellite Into Space Amid Concerns Moscow Would Use it To Spy on Ukraine','russialaunchesiraniansatelliteintospaceamidconcernsmoscowwoulduseittospyonukraine','',NULL,1);
INSERT INTO "articles_relatedlink" VALUES(2,'after',0,'Russia-Ukraine War: US Claims Russian Officials Now Training on Iranian Drones That Can Carry Precision-Guided Missiles','russiaukrainewarusclaimsrussianofficialsnowtrainingoniraniandronesthatcancarryprecisionguidedmissiles','',NULL,1);
CREATE TABLE "articles_section" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "slug" varchar(100) NOT NULL UNIQUE, "description" text NOT NULL, "position" smallint unsigned NOT NULL CHECK ("position" >= 0), "show_in_navigation" bool NOT NULL, "keywords" text NOT NULL, "parent_id" bigint NULL REFERENCES "articles_section" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "section_not_its_own_parent" CHECK (NOT ("parent_id" = ("id") AND "parent_id" IS NOT NULL)));
INSERT INTO "articles_section" VALUES(1,'News','news','',0,1,'',NULL);
INSERT INTO "articles_section" VALUES(2,'World','world','',1,1,'world, international, foreign, war, invasion, troops, military, nato, united nations, embassy, refugees, russia, russian, moscow, kremlin, ukraine, ukrainian, kyiv, china, chinese, beijing, europe, european, africa, asia, middle east, israel, gaza, iran, iranian, india, syria',NULL);
INSERT INTO "articles_section" VALUES(3,'Politics','politics','',2,1,'politics, political, election, elections, vote, voters, campaign, parliament, congress, senate, senator, lawmakers, government, minister, prime minister, white house, democrats, republicans, party, legislation',NULL);
INSERT INTO "articles_section" VALUES(4,'Business','business','',3,1,'business, economy, economic, market, markets, stocks, shares, investors, inflation, interest rates, bank, banks, trade, tariffs, company, companies, earnings, profit, jobs, prices, oil',NULL);
INSERT INTO "articles_section" VALUES(5,'Technology','technology','',4,1,'technology, tech, software, artificial intelligence, ai, internet, online, cyber, hackers, smartphone, app, apps, google, apple, microsoft, chip, chips, startup, social media',NULL);
INSERT INTO "articles_section" VALUES(6,'Science','science','',5,1,'science, scientists, research, researchers, study, space, nasa, satellite, planet, climate, species, health, disease, vaccine, medical',NULL);
INSERT INTO "articles_section" VALUES(7,'Sport','sport','',6,1,'sport, sports, football, soccer, olympics, olympic, tennis, cricket, rugby, basketball, match, league, championship, tournament, cup, coach',NULL);
INSERT INTO "articles_section" VALUES(8,'Culture','culture','',7,1,'culture, film, movie, music, album, art, artist, museum, book, novel, festival, theatre, television, celebrity, fashion',NULL);
INSERT INTO "articles_section" VALUES(9,'Opinion','opinion','',8,1,'opinion, editorial, column, columnist, commentary, op-ed',NULL);
CREATE TABLE "articles_taggedarticle" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "tag_id" integer NOT NULL REFERENCES "taggit_tag" ("id") DEFERRABLE INITIALLY DEFERRED, "content_object_id" bigint NOT NULL REFERENCES "articles_article" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "article_tag_once" UNIQUE ("content_object_id", "tag_id"));
INSERT INTO "articles_taggedarticle" VALUES(1,5,1);
INSERT INTO "articles_taggedarticle" VALUES(2,4,1);
INSERT INTO "articles_taggedarticle" VALUES(3,2,1);
INSERT INTO "articles_taggedarticle" VALUES(4,3,1);
INSERT INTO "articles_taggedarticle" VALUES(5,1,1);
INSERT INTO "articles_taggedarticle" VALUES(6,6,1);
CREATE TABLE "auth_group" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(150) NOT NULL UNIQUE);
INSERT INTO "auth_group" VALUES(1,'Reporter');
INSERT INTO "auth_group" VALUES(2,'Editor');
CREATE TABLE "auth_group_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "auth_group_permissions" VALUES(1,1,5);
INSERT INTO "auth_group_permissions" VALUES(2,1,6);
INSERT INTO "auth_group_permissions" VALUES(3,1,8);
INSERT INTO "auth_group_permissions" VALUES(4,1,9);
INSERT INTO "auth_group_permissions" VALUES(5,1,12);
INSERT INTO "auth_group_permissions" VALUES(6,1,13);
INSERT INTO "auth_group_permissions" VALUES(7,1,14);
INSERT INTO "auth_group_permissions" VALUES(8,1,16);
INSERT INTO "auth_group_permissions" VALUES(9,1,18);
INSERT INTO "auth_group_permissions" VALUES(10,1,19);
INSERT INTO "auth_group_permissions" VALUES(11,1,20);
INSERT INTO "auth_group_permissions" VALUES(12,1,21);
INSERT INTO "auth_group_permissions" VALUES(13,1,25);
INSERT INTO "auth_group_permissions" VALUES(14,2,5);
INSERT INTO "auth_group_permissions" VALUES(15,2,6);
INSERT INTO "auth_group_permissions" VALUES(16,2,7);
INSERT INTO "auth_group_permissions" VALUES(17,2,8);
INSERT INTO "auth_group_permissions" VALUES(18,2,9);
INSERT INTO "auth_group_permissions" VALUES(19,2,10);
INSERT INTO "auth_group_permissions" VALUES(20,2,11);
INSERT INTO "auth_group_permissions" VALUES(21,2,12);
INSERT INTO "auth_group_permissions" VALUES(22,2,13);
INSERT INTO "auth_group_permissions" VALUES(23,2,14);
INSERT INTO "auth_group_permissions" VALUES(24,2,15);
INSERT INTO "auth_group_permissions" VALUES(25,2,16);
INSERT INTO "auth_group_permissions" VALUES(26,2,17);
INSERT INTO "auth_group_permissions" VALUES(27,2,18);
INSERT INTO "auth_group_permissions" VALUES(28,2,19);
INSERT INTO "auth_group_permissions" VALUES(29,2,20);
INSERT INTO "auth_group_permissions" VALUES(30,2,21);
INSERT INTO "auth_group_permissions" VALUES(31,2,22);
INSERT INTO "auth_group_permissions" VALUES(32,2,23);
INSERT INTO "auth_group_permissions" VALUES(33,2,24);
INSERT INTO "auth_group_permissions" VALUES(34,2,25);
INSERT INTO "auth_group_permissions" VALUES(35,2,33);
INSERT INTO "auth_group_permissions" VALUES(36,2,34);
INSERT INTO "auth_group_permissions" VALUES(37,2,35);
INSERT INTO "auth_group_permissions" VALUES(38,2,36);
INSERT INTO "auth_group_permissions" VALUES(39,2,37);
INSERT INTO "auth_group_permissions" VALUES(40,2,56);
INSERT INTO "auth_group_permissions" VALUES(41,2,57);
INSERT INTO "auth_group_permissions" VALUES(42,2,54);
INSERT INTO "auth_group_permissions" VALUES(43,2,55);
INSERT INTO "auth_group_permissions" VALUES(44,2,64);
INSERT INTO "auth_group_permissions" VALUES(45,2,65);
CREATE TABLE "auth_permission" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "codename" varchar(100) NOT NULL, "name" varchar(255) NOT NULL);
INSERT INTO "auth_permission" VALUES(1,1,'add_logentry','Can add log entry');
INSERT INTO "auth_permission" VALUES(2,1,'change_logentry','Can change log entry');
INSERT INTO "auth_permission" VALUES(3,1,'delete_logentry','Can delete log entry');
INSERT INTO "auth_permission" VALUES(4,1,'view_logentry','Can view log entry');
INSERT INTO "auth_permission" VALUES(5,2,'add_photo','Can add photo');
INSERT INTO "auth_permission" VALUES(6,2,'change_photo','Can change photo');
INSERT INTO "auth_permission" VALUES(7,2,'delete_photo','Can delete photo');
INSERT INTO "auth_permission" VALUES(8,2,'view_photo','Can view photo');
INSERT INTO "auth_permission" VALUES(9,3,'add_photocredit','Can add photo credit');
INSERT INTO "auth_permission" VALUES(10,3,'change_photocredit','Can change photo credit');
INSERT INTO "auth_permission" VALUES(11,3,'delete_photocredit','Can delete photo credit');
INSERT INTO "auth_permission" VALUES(12,3,'view_photocredit','Can view photo credit');
INSERT INTO "auth_permission" VALUES(13,4,'add_article','Can add article');
INSERT INTO "auth_permission" VALUES(14,4,'change_article','Can change article');
INSERT INTO "auth_permission" VALUES(15,4,'delete_article','Can delete article');
INSERT INTO "auth_permission" VALUES(16,4,'view_article','Can view article');
INSERT INTO "auth_permission" VALUES(17,4,'publish_article','Can publish and schedule articles');
INSERT INTO "auth_permission" VALUES(18,5,'add_relatedlink','Can add related link');
INSERT INTO "auth_permission" VALUES(19,5,'change_relatedlink','Can change related link');
INSERT INTO "auth_permission" VALUES(20,5,'delete_relatedlink','Can delete related link');
INSERT INTO "auth_permission" VALUES(21,5,'view_relatedlink','Can view related link');
INSERT INTO "auth_permission" VALUES(22,6,'add_section','Can add section');
INSERT INTO "auth_permission" VALUES(23,6,'change_section','Can change section');
INSERT INTO "auth_permission" VALUES(24,6,'delete_section','Can delete section');
INSERT INTO "auth_permission" VALUES(25,6,'view_section','Can view section');
INSERT INTO "auth_permission" VALUES(26,7,'add_taggedarticle','Can add article tag');
INSERT INTO "auth_permission" VALUES(27,7,'change_taggedarticle','Can change article tag');
INSERT INTO "auth_permission" VALUES(28,7,'delete_taggedarticle','Can delete article tag');
INSERT INTO "auth_permission" VALUES(29,7,'view_taggedarticle','Can view article tag');
INSERT INTO "auth_permission" VALUES(30,8,'add_historicalarticle','Can add historical article');
INSERT INTO "auth_permission" VALUES(31,8,'change_historicalarticle','Can change historical article');
INSERT INTO "auth_permission" VALUES(32,8,'delete_historicalarticle','Can delete historical article');
INSERT INTO "auth_permission" VALUES(33,8,'view_historicalarticle','Can view historical article');
INSERT INTO "auth_permission" VALUES(34,9,'add_oldslug','Can add old address');
INSERT INTO "auth_permission" VALUES(35,9,'change_oldslug','Can change old address');
INSERT INTO "auth_permission" VALUES(36,9,'delete_oldslug','Can delete old address');
INSERT INTO "auth_permission" VALUES(37,9,'view_oldslug','Can view old address');
INSERT INTO "auth_permission" VALUES(38,10,'add_permission','Can add permission');
INSERT INTO "auth_permission" VALUES(39,10,'change_permission','Can change permission');
INSERT INTO "auth_permission" VALUES(40,10,'delete_permission','Can delete permission');
INSERT INTO "auth_permission" VALUES(41,10,'view_permission','Can view permission');
INSERT INTO "auth_permission" VALUES(42,11,'add_group','Can add group');
INSERT INTO "auth_permission" VALUES(43,11,'change_group','Can change group');
INSERT INTO "auth_permission" VALUES(44,11,'delete_group','Can delete group');
INSERT INTO "auth_permission" VALUES(45,11,'view_group','Can view group');
INSERT INTO "auth_permission" VALUES(46,12,'add_user','Can add user');
INSERT INTO "auth_permission" VALUES(47,12,'change_user','Can change user');
INSERT INTO "auth_permission" VALUES(48,12,'delete_user','Can delete user');
INSERT INTO "auth_permission" VALUES(49,12,'view_user','Can view user');
INSERT INTO "auth_permission" VALUES(50,13,'add_contenttype','Can add content type');
INSERT INTO "auth_permission" VALUES(51,13,'change_contenttype','Can change content type');
INSERT INTO "auth_permission" VALUES(52,13,'delete_contenttype','Can delete content type');
INSERT INTO "auth_permission" VALUES(53,13,'view_contenttype','Can view content type');
INSERT INTO "auth_permission" VALUES(54,14,'add_tag','Can add tag');
INSERT INTO "auth_permission" VALUES(55,14,'change_tag','Can change tag');
INSERT INTO "auth_permission" VALUES(56,14,'delete_tag','Can delete tag');
INSERT INTO "auth_permission" VALUES(57,14,'view_tag','Can view tag');
INSERT INTO "auth_permission" VALUES(58,15,'add_taggeditem','Can add tagged item');
INSERT INTO "auth_permission" VALUES(59,15,'change_taggeditem','Can change tagged item');
INSERT INTO "auth_permission" VALUES(60,15,'delete_taggeditem','Can delete tagged item');
INSERT INTO "auth_permission" VALUES(61,15,'view_taggeditem','Can view tagged item');
INSERT INTO "auth_permission" VALUES(62,16,'add_creditalias','Can add merged credit wording');
INSERT INTO "auth_permission" VALUES(63,16,'change_creditalias','Can change merged credit wording');
INSERT INTO "auth_permission" VALUES(64,16,'delete_creditalias','Can delete merged credit wording');
INSERT INTO "auth_permission" VALUES(65,16,'view_creditalias','Can view merged credit wording');
INSERT INTO "auth_permission" VALUES(66,17,'add_session','Can add session');
INSERT INTO "auth_permission" VALUES(67,17,'change_session','Can change session');
INSERT INTO "auth_permission" VALUES(68,17,'delete_session','Can delete session');
INSERT INTO "auth_permission" VALUES(69,17,'view_session','Can view session');
INSERT INTO "auth_permission" VALUES(70,18,'add_accessattempt','Can add access attempt');
INSERT INTO "auth_permission" VALUES(71,18,'change_accessattempt','Can change access attempt');
INSERT INTO "auth_permission" VALUES(72,18,'delete_accessattempt','Can delete access attempt');
INSERT INTO "auth_permission" VALUES(73,18,'view_accessattempt','Can view access attempt');
INSERT INTO "auth_permission" VALUES(74,19,'add_accesslog','Can add access log');
INSERT INTO "auth_permission" VALUES(75,19,'change_accesslog','Can change access log');
INSERT INTO "auth_permission" VALUES(76,19,'delete_accesslog','Can delete access log');
INSERT INTO "auth_permission" VALUES(77,19,'view_accesslog','Can view access log');
INSERT INTO "auth_permission" VALUES(78,20,'add_accessfailurelog','Can add access failure');
INSERT INTO "auth_permission" VALUES(79,20,'change_accessfailurelog','Can change access failure');
INSERT INTO "auth_permission" VALUES(80,20,'delete_accessfailurelog','Can delete access failure');
INSERT INTO "auth_permission" VALUES(81,20,'view_accessfailurelog','Can view access failure');
INSERT INTO "auth_permission" VALUES(82,21,'add_accessattemptexpiration','Can add access attempt expiration');
INSERT INTO "auth_permission" VALUES(83,21,'change_accessattemptexpiration','Can change access attempt expiration');
INSERT INTO "auth_permission" VALUES(84,21,'delete_accessattemptexpiration','Can delete access attempt expiration');
INSERT INTO "auth_permission" VALUES(85,21,'view_accessattemptexpiration','Can view access attempt expiration');
CREATE TABLE "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "username" varchar(150) NOT NULL UNIQUE, "last_name" varchar(150) NOT NULL, "email" varchar(254) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL, "first_name" varchar(150) NOT NULL);
CREATE TABLE "auth_user_groups" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "auth_user_user_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "axes_accessattempt" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_agent" varchar(255) NOT NULL, "ip_address" char(39) NULL, "username" varchar(255) NULL, "http_accept" varchar(1025) NOT NULL, "path_info" varchar(255) NOT NULL, "attempt_time" datetime NOT NULL, "get_data" text NOT NULL, "post_data" text NOT NULL, "failures_since_start" integer unsigned NOT NULL CHECK ("failures_since_start" >= 0));
CREATE TABLE "axes_accessattemptexpiration" ("access_attempt_id" integer NOT NULL PRIMARY KEY REFERENCES "axes_accessattempt" ("id") DEFERRABLE INITIALLY DEFERRED, "expires_at" datetime NOT NULL);
CREATE TABLE "axes_accessfailurelog" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_agent" varchar(255) NOT NULL, "ip_address" char(39) NULL, "username" varchar(255) NULL, "http_accept" varchar(1025) NOT NULL, "path_info" varchar(255) NOT NULL, "attempt_time" datetime NOT NULL, "locked_out" bool NOT NULL);
CREATE TABLE "axes_accesslog" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_agent" varchar(255) NOT NULL, "ip_address" char(39) NULL, "username" varchar(255) NULL, "http_accept" varchar(1025) NOT NULL, "path_info" varchar(255) NOT NULL, "attempt_time" datetime NOT NULL, "logout_time" datetime NULL, "session_hash" varchar(64) NOT NULL);
CREATE TABLE "django_admin_log" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "object_id" text NULL, "object_repr" varchar(200) NOT NULL, "action_flag" smallint unsigned NOT NULL CHECK ("action_flag" >= 0), "change_message" text NOT NULL, "content_type_id" integer NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "action_time" datetime NOT NULL);
CREATE TABLE "django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL);
INSERT INTO "django_content_type" VALUES(1,'admin','logentry');
INSERT INTO "django_content_type" VALUES(2,'articles','photo');
INSERT INTO "django_content_type" VALUES(3,'articles','photocredit');
INSERT INTO "django_content_type" VALUES(4,'articles','article');
INSERT INTO "django_content_type" VALUES(5,'articles','relatedlink');
INSERT INTO "django_content_type" VALUES(6,'articles','section');
INSERT INTO "django_content_type" VALUES(7,'articles','taggedarticle');
INSERT INTO "django_content_type" VALUES(8,'articles','historicalarticle');
INSERT INTO "django_content_type" VALUES(9,'articles','oldslug');
INSERT INTO "django_content_type" VALUES(10,'auth','permission');
INSERT INTO "django_content_type" VALUES(11,'auth','group');
INSERT INTO "django_content_type" VALUES(12,'auth','user');
INSERT INTO "django_content_type" VALUES(13,'contenttypes','contenttype');
INSERT INTO "django_content_type" VALUES(14,'taggit','tag');
INSERT INTO "django_content_type" VALUES(15,'taggit','taggeditem');
INSERT INTO "django_content_type" VALUES(16,'articles','creditalias');
INSERT INTO "django_content_type" VALUES(17,'sessions','session');
INSERT INTO "django_content_type" VALUES(18,'axes','accessattempt');
INSERT INTO "django_content_type" VALUES(19,'axes','accesslog');
INSERT INTO "django_content_type" VALUES(20,'axes','accessfailurelog');
INSERT INTO "django_content_type" VALUES(21,'axes','accessattemptexpiration');
CREATE TABLE "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL);
INSERT INTO "django_migrations" VALUES(1,'contenttypes','0001_initial','2026-11-29 07:04:21.118045');
INSERT INTO "django_migrations" VALUES(2,'auth','0001_initial','2026-11-29 07:04:21.125598');
INSERT INTO "django_migrations" VALUES(3,'admin','0001_initial','2026-11-29 07:04:21.129734');
INSERT INTO "django_migrations" VALUES(4,'admin','0002_logentry_remove_auto_add','2026-11-29 07:04:21.135049');
INSERT INTO "django_migrations" VALUES(5,'admin','0003_logentry_add_action_flag_choices','2026-11-29 07:04:21.138611');
INSERT INTO "django_migrations" VALUES(6,'taggit','0001_initial','2026-11-29 07:04:21.144662');
INSERT INTO "django_migrations" VALUES(7,'taggit','0002_auto_20150616_2121','2026-11-29 07:04:21.146974');
INSERT INTO "django_migrations" VALUES(8,'contenttypes','0002_remove_content_type_name','2026-11-29 07:04:21.157457');
INSERT INTO "django_migrations" VALUES(9,'taggit','0003_taggeditem_add_unique_index','2026-11-29 07:04:21.161810');
INSERT INTO "django_migrations" VALUES(10,'taggit','0004_alter_taggeditem_content_type_alter_taggeditem_tag','2026-11-29 07:04:21.169413');
INSERT INTO "django_migrations" VALUES(11,'taggit','0005_auto_20220424_2025','2026-11-29 07:04:21.172318');
INSERT INTO "django_migrations" VALUES(12,'taggit','0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx','2026-11-29 07:04:21.185178');
INSERT INTO "django_migrations" VALUES(13,'auth','0002_alter_permission_name_max_length','2026-11-29 07:04:21.190636');
INSERT INTO "django_migrations" VALUES(14,'auth','0003_alter_user_email_max_length','2026-11-29 07:04:21.195189');
INSERT INTO "django_migrations" VALUES(15,'auth','0004_alter_user_username_opts','2026-11-29 07:04:21.198548');
INSERT INTO "django_migrations" VALUES(16,'auth','0005_alter_user_last_login_null','2026-11-29 07:04:21.202923');
INSERT INTO "django_migrations" VALUES(17,'auth','0006_require_contenttypes_0002','2026-11-29 07:04:21.203384');
INSERT INTO "django_migrations" VALUES(18,'auth','0007_alter_validators_add_error_messages','2026-11-29 07:04:21.206647');
INSERT INTO "django_migrations" VALUES(19,'auth','0008_alter_user_username_max_length','2026-11-29 07:04:21.211608');
INSERT INTO "django_migrations" VALUES(20,'auth','0009_alter_user_last_name_max_length','2026-11-29 07:04:21.216370');
INSERT INTO "django_migrations" VALUES(21,'auth','0010_alter_group_name_max_length','2026-11-29 07:04:21.222666');
INSERT INTO "django_migrations" VALUES(22,'auth','0011_update_proxy_permissions','2026-11-29 07:04:21.226451');
INSERT INTO "django_migrations" VALUES(23,'auth','0012_alter_user_first_name_max_length','2026-11-29 07:04:21.230968');
INSERT INTO "django_migrations" VALUES(24,'articles','0001_initial','2026-11-29 07:04:21.336061');
INSERT INTO "django_migrations" VALUES(25,'articles','0002_create_desks','2026-11-29 07:04:21.347204');
INSERT INTO "django_migrations" VALUES(26,'articles','0003_history_publish_permission_old_slugs','2026-11-29 07:04:21.366249');
INSERT INTO "django_migrations" VALUES(27,'articles','0004_create_reporter_and_editor_groups','2026-11-29 07:04:21.391722');
INSERT INTO "django_migrations" VALUES(28,'articles','0005_credit_aliases','2026-11-29 07:04:21.399872');
INSERT INTO "django_migrations" VALUES(29,'articles','0006_editors_see_merged_credit_wordings','2026-11-29 07:04:21.416732');
INSERT INTO "django_migrations" VALUES(30,'articles','0007_drop_redundant_indexes','2026-11-29 07:04:21.482056');
INSERT INTO "django_migrations" VALUES(31,'articles','0008_unify_unicode_in_title_keys','2026-11-29 07:04:21.490515');
INSERT INTO "django_migrations" VALUES(32,'articles','0009_tag_an_article_once','2026-11-29 07:04:21.514544');
INSERT INTO "django_migrations" VALUES(33,'articles','0010_search_document','2026-11-29 07:04:21.528090');
INSERT INTO "django_migrations" VALUES(34,'articles','0011_refuse_control_characters','2026-11-29 07:04:21.596335');
INSERT INTO "django_migrations" VALUES(35,'articles','0012_search_document_given_on_insert','2026-11-29 07:04:21.603949');
INSERT INTO "django_migrations" VALUES(36,'axes','0001_initial','2026-11-29 07:04:21.606676');
INSERT INTO "django_migrations" VALUES(37,'axes','0002_auto_20151217_2044','2026-11-29 07:04:21.631378');
INSERT INTO "django_migrations" VALUES(38,'axes','0003_auto_20160322_0929','2026-11-29 07:04:21.639575');
INSERT INTO "django_migrations" VALUES(39,'axes','0004_auto_20181024_1538','2026-11-29 07:04:21.646148');
INSERT INTO "django_migrations" VALUES(40,'axes','0005_remove_accessattempt_trusted','2026-11-29 07:04:21.649432');
INSERT INTO "django_migrations" VALUES(41,'axes','0006_remove_accesslog_trusted','2026-11-29 07:04:21.652600');
INSERT INTO "django_migrations" VALUES(42,'axes','0007_alter_accessattempt_unique_together','2026-11-29 07:04:21.662841');
INSERT INTO "django_migrations" VALUES(43,'axes','0008_accessfailurelog','2026-11-29 07:04:21.664533');
INSERT INTO "django_migrations" VALUES(44,'axes','0009_add_session_hash','2026-11-29 07:04:21.667845');
INSERT INTO "django_migrations" VALUES(45,'axes','0010_accessattemptexpiration','2026-11-29 07:04:21.669692');
INSERT INTO "django_migrations" VALUES(46,'sessions','0001_initial','2026-11-29 07:04:21.671002');
CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL);
CREATE TABLE "taggit_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL UNIQUE, "slug" varchar(100) NOT NULL UNIQUE);
INSERT INTO "taggit_tag" VALUES(1,'Army Corps','army-corps');
INSERT INTO "taggit_tag" VALUES(2,'Moscow','moscow');
INSERT INTO "taggit_tag" VALUES(3,'Paul Whelan','paul-whelan');
INSERT INTO "taggit_tag" VALUES(4,'Russia','russia');
INSERT INTO "taggit_tag" VALUES(5,'Ukraine','ukraine');
INSERT INTO "taggit_tag" VALUES(6,'Vladimir Putin','vladimir-putin');
CREATE TABLE "taggit_taggeditem" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "object_id" integer NOT NULL, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" integer NOT NULL REFERENCES "taggit_tag" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "taggit_taggeditem_content_type_id_object_id_tag_id_4bb97a8e_uniq" UNIQUE ("content_type_id", "object_id", "tag_id"));
CREATE UNIQUE INDEX "auth_group_permissions_group_id_permission_id_0cd325b0_uniq" ON "auth_group_permissions" ("group_id", "permission_id");
CREATE INDEX "auth_group_permissions_group_id_b120cbf9" ON "auth_group_permissions" ("group_id");
CREATE INDEX "auth_group_permissions_permission_id_84c5c92e" ON "auth_group_permissions" ("permission_id");
CREATE UNIQUE INDEX "auth_user_groups_user_id_group_id_94350c0c_uniq" ON "auth_user_groups" ("user_id", "group_id");
CREATE INDEX "auth_user_groups_user_id_6a12ed8b" ON "auth_user_groups" ("user_id");
CREATE INDEX "auth_user_groups_group_id_97559544" ON "auth_user_groups" ("group_id");
CREATE UNIQUE INDEX "auth_user_user_permissions_user_id_permission_id_14a6b632_uniq" ON "auth_user_user_permissions" ("user_id", "permission_id");
CREATE INDEX "auth_user_user_permissions_user_id_a95ead1b" ON "auth_user_user_permissions" ("user_id");
CREATE INDEX "auth_user_user_permissions_permission_id_1fbb5f2c" ON "auth_user_user_permissions" ("permission_id");
CREATE INDEX "django_admin_log_content_type_id_c4bce8eb" ON "django_admin_log" ("content_type_id");
CREATE INDEX "django_admin_log_user_id_c564eba6" ON "django_admin_log" ("user_id");
CREATE UNIQUE INDEX "django_content_type_app_label_model_76bd3d3b_uniq" ON "django_content_type" ("app_label", "model");
CREATE INDEX "taggit_taggeditem_object_id_e2d7d1df" ON "taggit_taggeditem" ("object_id");
CREATE INDEX "taggit_taggeditem_content_type_id_9957a03c" ON "taggit_taggeditem" ("content_type_id");
CREATE INDEX "taggit_taggeditem_tag_id_f4f5b767" ON "taggit_taggeditem" ("tag_id");
CREATE INDEX "taggit_tagg_content_8fc721_idx" ON "taggit_taggeditem" ("content_type_id", "object_id");
CREATE UNIQUE INDEX "auth_permission_content_type_id_codename_01ab375a_uniq" ON "auth_permission" ("content_type_id", "codename");
CREATE INDEX "auth_permission_content_type_id_2f476e4b" ON "auth_permission" ("content_type_id");
CREATE INDEX "articles_photo_credit_id_b2cea703" ON "articles_photo" ("credit_id");
CREATE INDEX "articles_section_parent_id_7964a821" ON "articles_section" ("parent_id");
CREATE INDEX "articles_oldslug_article_id_e361b823" ON "articles_oldslug" ("article_id");
CREATE INDEX "articles_creditalias_credit_id_f536a5fd" ON "articles_creditalias" ("credit_id");
CREATE UNIQUE INDEX "article_unique_source_id" ON "articles_article" ("source_id") WHERE NOT ("source_id" = '');
CREATE INDEX "articles_article_published_at_b692f2ff" ON "articles_article" ("published_at");
CREATE INDEX "articles_article_headline_key_54e098bd" ON "articles_article" ("headline_key");
CREATE INDEX "articles_article_lead_photo_id_8055d538" ON "articles_article" ("lead_photo_id");
CREATE INDEX "articles_article_section_id_624070f6" ON "articles_article" ("section_id");
CREATE INDEX "articles_ar_status_7759bd_idx" ON "articles_article" ("status", "published_at");
CREATE INDEX "articles_historicalarticle_id_2e63a706" ON "articles_historicalarticle" ("id");
CREATE INDEX "articles_historicalarticle_history_date_ebea54e7" ON "articles_historicalarticle" ("history_date");
CREATE INDEX "articles_historicalarticle_history_user_id_5e1df30b" ON "articles_historicalarticle" ("history_user_id");
CREATE INDEX "articles_relatedlink_title_key_abdea8a6" ON "articles_relatedlink" ("title_key");
CREATE INDEX "articles_relatedlink_target_id_dcd7e9fd" ON "articles_relatedlink" ("target_id");
CREATE INDEX "articles_taggedarticle_tag_id_23d7d828" ON "articles_taggedarticle" ("tag_id");
CREATE INDEX "axes_accessattempt_user_agent_ad89678b" ON "axes_accessattempt" ("user_agent");
CREATE INDEX "axes_accessattempt_ip_address_10922d9c" ON "axes_accessattempt" ("ip_address");
CREATE INDEX "axes_accessattempt_username_3f2d4ca0" ON "axes_accessattempt" ("username");
CREATE UNIQUE INDEX "axes_accessattempt_username_ip_address_user_agent_8ea22282_uniq" ON "axes_accessattempt" ("username", "ip_address", "user_agent");
CREATE INDEX "axes_accessfailurelog_user_agent_ea145dda" ON "axes_accessfailurelog" ("user_agent");
CREATE INDEX "axes_accessfailurelog_ip_address_2e9f5a7f" ON "axes_accessfailurelog" ("ip_address");
CREATE INDEX "axes_accessfailurelog_username_a8b7e8a4" ON "axes_accessfailurelog" ("username");
CREATE INDEX "axes_accesslog_user_agent_0e659004" ON "axes_accesslog" ("user_agent");
CREATE INDEX "axes_accesslog_ip_address_86b417e5" ON "axes_accesslog" ("ip_address");
CREATE INDEX "axes_accesslog_username_df93064b" ON "axes_accesslog" ("username");
CREATE INDEX "django_session_expire_date_a5c62663" ON "django_session" ("expire_date");
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('django_migrations',46);
INSERT INTO "sqlite_sequence" VALUES('django_admin_log',0);
INSERT INTO "sqlite_sequence" VALUES('django_content_type',21);
INSERT INTO "sqlite_sequence" VALUES('taggit_taggeditem',0);
INSERT INTO "sqlite_sequence" VALUES('taggit_tag',6);
INSERT INTO "sqlite_sequence" VALUES('auth_permission',85);
INSERT INTO "sqlite_sequence" VALUES('auth_group',2);
INSERT INTO "sqlite_sequence" VALUES('auth_user',0);
INSERT INTO "sqlite_sequence" VALUES('articles_photo',1);
INSERT INTO "sqlite_sequence" VALUES('articles_section',9);
INSERT INTO "sqlite_sequence" VALUES('auth_group_permissions',45);
INSERT INTO "sqlite_sequence" VALUES('articles_article',2);
INSERT INTO "sqlite_sequence" VALUES('articles_historicalarticle',3);
INSERT INTO "sqlite_sequence" VALUES('articles_relatedlink',2);
INSERT INTO "sqlite_sequence" VALUES('articles_taggedarticle',6);
INSERT INTO "sqlite_sequence" VALUES('axes_accessattempt',0);
INSERT INTO "sqlite_sequence" VALUES('axes_accesslog',0);
INSERT INTO "sqlite_sequence" VALUES('articles_photocredit',1);
COMMIT;
