package org.eldercare.console.web;

import org.eldercare.console.session.Role;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Pages of one role: anyone signed in without it gets the 403 page, anyone not signed in the sign-in page. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RolePage {
    Role value();
}
