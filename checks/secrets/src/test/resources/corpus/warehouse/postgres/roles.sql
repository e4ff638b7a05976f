create role reporter with login encrypted password 'SCRAM-SHA-256$4096:c2FsdHNhbHQ=$aGFzaGhhc2hoYXNo:c2VydmVyc2VydmVy';
create role app with login password '@@password@@';
alter role app set search_path = app, public;
