package org.eldercare.console.station;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CounterLookupTest {

    private static final CounterLookup.Elder WANG = new CounterLookup.Elder("e-1", "王秀兰");
    private static final CounterLookup.Elder WANG2 = new CounterLookup.Elder("e-2", "王秀兰");
    private static final CounterLookup.Elder LI = new CounterLookup.Elder("e-3", "李建国");
    private static final CounterLookup.Elder LIU = new CounterLookup.Elder("e-4", "刘建国");

    @Test
    void anIdFindsItsElder() {
        assertEquals(new CounterLookup.Found(LI), CounterLookup.find(" e-3 ", List.of(WANG, LI)));
    }

    @Test
    void aNameFindsItsElder() {
        assertEquals(new CounterLookup.Found(LI), CounterLookup.find("李建国", List.of(WANG, LI, LIU)));
    }

    @Test
    void partOfANameFindsTheOnlyElderWithIt() {
        assertEquals(new CounterLookup.Found(WANG), CounterLookup.find("秀兰", List.of(WANG, LI)));
    }

    @Test
    void severalEldersOfOneNameAreOfferedToChoose() {
        assertEquals(new CounterLookup.Choose(List.of(WANG, WANG2)), CounterLookup.find("王秀兰", List.of(WANG, LI, WANG2)));
        assertEquals(new CounterLookup.Choose(List.of(LI, LIU)), CounterLookup.find("建国", List.of(WANG, LI, LIU)));
    }

    @Test
    void anExactNameWinsOverPartialOnes() {
        CounterLookup.Elder jian = new CounterLookup.Elder("e-5", "建国");
        assertEquals(new CounterLookup.Found(jian), CounterLookup.find("建国", List.of(LI, jian, LIU)));
    }

    @Test
    void anythingElseIsACard() {
        assertEquals(new CounterLookup.Card("C-000123"), CounterLookup.find("C-000123", List.of(WANG, LI)));
    }
}
